import { configure } from '@testing-library/react';

// findBy… and waitFor give up after 1 s by default. A loaded CI machine (the server suites start
// apps and run threads beside these) has taken longer to render an answer; 5 s costs nothing
// when a test passes and only delays a real failure.
configure({ asyncUtilTimeout: 5000 });
