import { compile, serverRun } from './server-run';
void (async () => {
  const c = compile(20);
  for (let i = 0; i < 30000; i++) await serverRun(c, i);
})();
