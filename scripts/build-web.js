#!/usr/bin/env node
// Builds the web app (apps/web → apps/web/dist) through Vite's JS API. Skipped when the build
// is newer than every source it is made from, so a second `npm start` stays fast.
// `--force` (or INTEGRATOR_FORCE_WEB_BUILD=1) always builds.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'apps/web');
const configFile = path.join(web, 'vite.config.ts');
const builtMarker = path.join(web, 'dist/index.html');
// The bundle also contains the browser-safe parts of the SDK and the engine.
const sources = [
  path.join(web, 'src'),
  path.join(web, 'index.html'),
  configFile,
  // This script too: a change to how the build is post-processed (compression) rebuilds.
  __filename,
  path.join(root, 'libs/sdk/src'),
  path.join(root, 'libs/engine/src'),
];

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

function upToDate() {
  // A build from before precompression has no .br files: the server would send it uncompressed.
  if (!fs.existsSync(builtMarker) || !fs.existsSync(`${builtMarker}.br`)) return false;
  const built = fs.statSync(builtMarker).mtimeMs;
  return sources.every((source) => newestMtime(source) < built);
}

// Text files are written a second time as .br and .gz next to the original: the server sends
// those (@fastify/static's preCompressed) instead of compressing on every request.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

function precompress(dir) {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) {
      precompress(file);
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const data = fs.readFileSync(file);
    const brotli = zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    fs.writeFileSync(`${file}.br`, brotli);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION }));
  }
}

async function main() {
  const force = process.argv.includes('--force') || process.env.INTEGRATOR_FORCE_WEB_BUILD === '1';
  if (!force && upToDate()) {
    console.log('web: apps/web/dist is up to date, skipping the build');
    return;
  }
  // Vite is an ES module: load it with a dynamic import from this CommonJS script.
  // vite.config.ts must keep its name (scripts/start.js looks for it); Vite's notice about a
  // future native config loader does not apply to the bundled loader used here.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const vite = await import(pathToFileURL(require.resolve('vite', { paths: [root] })).href);
  const started = Date.now();
  await vite.build({ configFile, logLevel: process.env.CI ? 'info' : 'warn' });
  precompress(path.join(web, 'dist'));
  console.log(`web: built apps/web/dist in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((err) => {
  console.error(`web: build failed: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
