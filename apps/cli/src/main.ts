import type { Writable } from 'node:stream';
import { allApps } from '@integrator/apps';
import { compileBlueprint, ModuleRegistry, runScenario, type RunOptions } from '@integrator/engine';
import type { Services } from '@integrator/sdk';
import { parseArgs, USAGE, type CliArgs } from './args';
import { loadScenario, readJsonFile, reportLines, type LoadedScenario } from './blueprint-file';
import { cliConnectionStore, type CliConnection } from './connections';
import { FileDataStoreService } from './file-datastores';
import { importCommand } from './import-command';
import { modulesCommand } from './modules-command';
import { prettyIssues, prettyResult } from './pretty';
import { cliHttpFactory } from './runtime';
import { rotateKeyCommand } from './rotate-key';

const EXIT = { success: 0, warning: 1, error: 2 } as const;

type Connections = Record<string, CliConnection>;

export async function main(
  argv: string[],
  out: Writable = process.stdout,
  err: Writable = process.stderr,
): Promise<number> {
  if (argv[0] === 'rotate-key') return rotateKeyCommand(argv.slice(1), out, err);
  const args = parseArgs(argv);
  if ('error' in args) {
    err.write(`${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const registry = new ModuleRegistry(allApps);
  if (args.command === 'modules') return modulesCommand(args.json, registry, out);
  if (args.command === 'import') return importCommand(args.files, args.json, registry, out);

  let scenario: LoadedScenario;
  try {
    scenario = loadScenario(args.file!, registry);
  } catch (e) {
    err.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (scenario.report.format === 'make') {
    const lines = reportLines(scenario.report).map((l) => `  ${l}`);
    err.write(`${args.file} is a Make export; converted on the fly:\n${lines.join('\n')}\n`);
  }
  const compiled = compileBlueprint(scenario.blueprint, registry);
  if (args.command === 'validate') {
    out.write(`${prettyIssues(compiled.issues)}\n`);
    return compiled.issues.length ? 2 : 0;
  }
  if (compiled.issues.length) {
    err.write(`The scenario is not valid:\n${prettyIssues(compiled.issues)}\n`);
    return 2;
  }
  let options: RunOptions;
  try {
    options = runOptions(args, registry);
  } catch (e) {
    err.write(`${(e as Error).message}\n`);
    return 2;
  }
  const result = await runScenario(compiled, options);
  out.write(args.pretty ? `${prettyResult(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
  return EXIT[result.status];
}

function runOptions(args: CliArgs, registry: ModuleRegistry): RunOptions {
  const input = args.input ? readJsonFile(args.input, 'input') : undefined;
  const connections = (args.connections ? readJsonFile(args.connections, 'connections') : {}) as Connections;
  const services: Partial<Services> = {};
  if (args.dataDir) services.datastores = new FileDataStoreService(args.dataDir);
  const store = cliConnectionStore(connections, registry);
  return {
    trigger: 'cli',
    input,
    timeLimitMs: args.timeLimitMs,
    services,
    connections: store.resolve,
    http: cliHttpFactory(registry, store.refresh),
  };
}
