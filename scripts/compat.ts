// `npm run compat -- DIR [--json] [--top N]`: imports every *.json blueprint under DIR (as a user's
// upload would) and prints how much of it Integrator carries over. See docs/COMPAT.md.
import { existsSync, statSync } from 'node:fs';
import { ModuleRegistry } from '@integrator/engine';
import { allApps } from '@integrator/apps';
import { formatFigures } from './compat/format';
import { measureDir, summarize } from './compat/measure';

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 20;
  const dirs = argv.filter((a, i) => !a.startsWith('--') && !(topAt >= 0 && i === topAt + 1));
  if (dirs.length !== 1 || !Number.isInteger(top) || top < 1) {
    process.stderr.write('usage: npm run compat -- DIR [--json] [--top N]\n');
    return 2;
  }
  const [dir] = dirs;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`compat: ${dir} is not a folder\n`);
    return 2;
  }
  const figures = summarize(measureDir(dir, new ModuleRegistry(allApps)), top);
  process.stdout.write(
    json ? `${JSON.stringify({ dir, ...figures }, null, 2)}\n` : `${formatFigures(figures, dir)}\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
