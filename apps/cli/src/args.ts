export interface CliArgs {
  command: 'run' | 'validate' | 'help';
  file?: string;
  input?: string;
  connections?: string;
  pretty: boolean;
  timeLimitMs?: number;
}

export const USAGE = `Usage:
  integrator run <scenario.json> [--input data.json] [--connections connections.json] [--pretty] [--time-limit seconds]
  integrator validate <scenario.json>
  integrator rotate-key [--new-key KEY]

run       runs the blueprint headless and prints the result as JSON (--pretty: a table per module).
          Exit code 0 success, 1 warning, 2 error.
validate  prints the validation report. Exit code 0 when valid, 2 when not.
rotate-key re-encrypts every stored secret with a new key (stop the servers first).

--input        JSON given to the trigger (a webhook payload; a list becomes one bundle per item)
--connections  JSON object of connection id -> { "type": "...", "credentials": { ... } }`;

export function parseArgs(argv: string[]): CliArgs | { error: string } {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h')
    return { command: 'help', pretty: false };
  if (command !== 'run' && command !== 'validate') return { error: `unknown command "${command}"` };
  const args: CliArgs = { command, pretty: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--pretty') args.pretty = true;
      else if (a === '--input') args.input = value();
      else if (a === '--connections') args.connections = value();
      else if (a === '--time-limit') args.timeLimitMs = Number(value()) * 1000;
      else if (a.startsWith('--')) return { error: `unknown option ${a}` };
      else if (!args.file) args.file = a;
      else return { error: `unexpected argument ${a}` };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  if (!args.file) return { error: 'the scenario file is missing' };
  if (args.timeLimitMs !== undefined && !(args.timeLimitMs > 0))
    return { error: '--time-limit must be a positive number of seconds' };
  return args;
}
