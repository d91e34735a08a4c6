// Preloaded into the server by `BENCH_PROFILE=<dir>` (Node refuses --cpu-prof in NODE_OPTIONS):
// profiles the process with the inspector and writes a .cpuprofile on SIGUSR2.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.on('SIGUSR2', () => {
  session.post('Profiler.stop', (err, result) => {
    if (!err)
      writeFileSync(
        join(
          process.env.BENCH_PROFILE,
          `${/worker/.test(process.argv[1] ?? '') ? 'worker' : 'api'}-${process.pid}.cpuprofile`,
        ),
        JSON.stringify(result.profile),
      );
  });
});
