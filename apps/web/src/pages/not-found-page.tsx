import { useEffect } from 'react';

// An address the app has no page for (a mistyped link, a page that was removed): said plainly,
// with the way back, instead of silently showing another page.

export function NotFoundPage() {
  useEffect(() => {
    document.title = 'Not found · Integrator';
    return () => {
      document.title = 'Integrator';
    };
  }, []);
  return (
    <div className="page not-found">
      <h1>Not found</h1>
      <p>There is no page at this address. It may have been mistyped, or the page no longer exists.</p>
      <p>
        <a href="#/scenarios">Go to your scenarios</a>
      </p>
    </div>
  );
}
