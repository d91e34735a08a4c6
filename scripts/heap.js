#!/usr/bin/env node
// V8's heap sizes for a server process (docs/EMBEDDED.md, "Memory"). With a heap limit of 2 GiB
// or more (V8's default on a machine with 8 GiB of memory or more) V8 lets the old generation
// grow to four times what is live before it collects it; below 2 GiB the factor is at most two
// (heap-controller.cc). A server here keeps about 55 MiB live and promotes a few KB per run that
// die later, so with V8's defaults its RSS swung between 290 and 370 MiB under load. A limit just
// under 2 GiB holds it near 236 MiB but collects the old generation twice as often (up to a
// sixth more CPU); young semi-spaces of 32 MiB instead of 16 halve the scavenges, and so what
// gets promoted, which pays that back: about 270 MiB at V8's CPU (docs/BENCHMARKS.md).
// Never more than V8 would give anyway, and nothing when the user sized the heap.
//
// `node scripts/heap.js` prints the flags (for `exec node $(node scripts/heap.js) main.js`);
// `require('./heap').heapArgs()` returns them. INTEGRATOR_HEAP_MB sets the old generation's
// limit (0 = V8's own sizing).
const v8 = require('node:v8');

const SERVER_HEAP_MB = 2000; // the largest limit at which V8's growing factor stays about 2
const SEMI_SPACE_MB = 32;

/** `defaultMb`: V8's default heap limit here (this machine's memory, or the container's). */
function heapArgs(env = process.env, execArgv = process.execArgv, defaultMb = v8DefaultMb()) {
  const given = [env.NODE_OPTIONS ?? '', ...execArgv].join(' ');
  if (/--max[-_]old[-_]space[-_]size/.test(given)) return []; // the user's choice stands
  const semi = /--max[-_]semi[-_]space[-_]size/.test(given) ? [] : [`--max-semi-space-size=${SEMI_SPACE_MB}`];
  const asked = env.INTEGRATOR_HEAP_MB;
  if (asked !== undefined && asked !== '') {
    if (!/^\d+$/.test(asked)) throw new Error(`INTEGRATOR_HEAP_MB: expected a number of MiB, got "${asked}"`);
    return asked === '0' ? [] : [`--max-old-space-size=${asked}`, ...semi];
  }
  // Lower V8's default, never raise it: a smaller machine's default already grows by at most 2.
  return defaultMb > SERVER_HEAP_MB ? [`--max-old-space-size=${SERVER_HEAP_MB}`, ...semi] : [];
}

function v8DefaultMb() {
  return v8.getHeapStatistics().heap_size_limit / 2 ** 20;
}

module.exports = { heapArgs, SERVER_HEAP_MB, SEMI_SPACE_MB };

if (require.main === module) {
  try {
    process.stdout.write(heapArgs().join(' '));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
}
