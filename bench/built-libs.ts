import Module from 'node:module';
import { join } from 'node:path';
import { ensureBuilt } from '../test/support/processes';

// Imported first by the engine benchmark: `@integrator/*` is loaded from the server's build
// (`nest build`, tsc), not from the sources as tsx compiles them. esbuild, under tsx, keeps every
// function's name with a helper call where each closure is made; the server has none of that.
// From the sources the 20-module run read 50–59 µs against 42–52 µs (docs/BENCHMARKS.md).
// Everything of ours the benchmark loads must come from one side: two copies of the engine
// would not know each other's classes.

const built = join(__dirname, '..', 'dist', 'apps', 'api', 'libs');
const targets: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^@integrator\/(engine|sdk|persistence)$/, (m) => join(built, m[1], 'src')],
  [/^@integrator\/apps$/, () => join(built, 'apps', 'index')],
  [/^@integrator\/apps\/([\w-]+)$/, (m) => join(built, 'apps', m[1], 'src')],
];

if (!process.env.BENCH_FROM_SOURCES) {
  ensureBuilt();
  type Resolve = (request: string, ...rest: unknown[]) => string;
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    for (const [pattern, target] of targets) {
      const m = pattern.exec(request);
      if (m) return resolve.call(this, target(m), ...rest);
    }
    return resolve.call(this, request, ...rest);
  };
}
