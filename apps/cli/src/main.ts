import { readFileSync } from 'node:fs';
import { allApps } from '@integrator/apps';
import {
  compileBlueprint,
  ModuleRegistry,
  runScenario,
  type Blueprint,
  type RunOptions,
} from '@integrator/engine';
import { parseArgs, USAGE } from './args';
import { cliConnections, type CliConnection } from './connections';
import { prettyIssues, prettyResult } from './pretty';
import { cliHttpFactory } from './runtime';
import { rotateKeyCommand } from './rotate-key';

const EXIT = { success: 0, warning: 1, error: 2 } as const;

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
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
  let blueprint: Blueprint;
  let input: unknown;
  let connections: Record<string, CliConnection> = {};
  try {
    blueprint = readJson(args.file!, 'scenario') as Blueprint;
    if (args.input) input = readJson(args.input, 'input');
    if (args.connections) connections = readJson(args.connections, 'connections') as typeof connections;
  } catch (e) {
    err.write(`${(e as Error).message}\n`);
    return 2;
  }

  const registry = new ModuleRegistry(allApps);
  const compiled = compileBlueprint(blueprint, registry);
  if (args.command === 'validate') {
    out.write(`${prettyIssues(compiled.issues)}\n`);
    return compiled.issues.length ? 2 : 0;
  }
  if (compiled.issues.length) {
    err.write(`The scenario is not valid:\n${prettyIssues(compiled.issues)}\n`);
    return 2;
  }
  const options: RunOptions = {
    trigger: 'cli',
    input,
    timeLimitMs: args.timeLimitMs,
    connections: cliConnections(connections, registry),
    http: cliHttpFactory(registry),
  };
  const result = await runScenario(compiled, options);
  out.write(args.pretty ? `${prettyResult(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
  return EXIT[result.status];
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(
      `cannot read the ${what} file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`the ${what} file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}
