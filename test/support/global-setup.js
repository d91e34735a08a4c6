// Builds the API and the worker once, before any suite starts, when the distributed suites will
// run: a suite that built them itself would spend its setup time limit on the build.
module.exports = async () => {
  if (!(process.env.DATABASE_URL && process.env.REDIS_URL)) return;
  const tsx = require('tsx/cjs/api');
  tsx.require('./processes.ts', __filename).ensureBuilt();
};
