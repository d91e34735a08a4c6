export interface CliArgs {
  command: 'run' | 'validate' | 'import' | 'modules' | 'help';
  /** The scenario file (run, validate). */
  file?: string;
  /** Every file given (import). */
  files: string[];
  input?: string;
  connections?: string;
  dataDir?: string;
  pretty: boolean;
  json: boolean;
  timeLimitMs?: number;
}

export const USAGE = `Usage:
  integrator run <scenario.json> [--input data.json] [--connections connections.json] [--data-dir DIR] [--pretty] [--time-limit seconds]
  integrator validate <scenario.json>
  integrator import <file.json>... [--json]
  integrator modules [--json]
  integrator rotate-key [--new-key KEY]

run       runs the blueprint headless and prints the result as JSON (--pretty: a table per module).
          Exit code 0 success, 1 warning, 2 error.
validate  prints the validation report. Exit code 0 when valid, 2 when not.
import    converts Make exports to our format; per file a summary (--json: one JSON line with
          file, ok, blueprint, report, or ok false and the error). Exit code 0 when every file
          converted, 1 otherwise.
modules   lists every module key: ours, and Make's keys that import onto them.
rotate-key re-encrypts every stored secret with a new key (stop the servers first).

A scenario file without our format marker (metadata.integrator.format) is a Make export: run and
validate convert it first and print the import report on stderr.

--input        JSON given to the trigger (a webhook payload; a list becomes one bundle per item)
--connections  JSON object of connection id -> { "type": "...", "credentials": { ... } }
--data-dir     folder whose datastores.json holds the data stores; committed writes are saved there`;

const VALUE_OPTIONS: Record<string, 'input' | 'connections' | 'dataDir'> = {
  '--input': 'input',
  '--connections': 'connections',
  '--data-dir': 'dataDir',
};

const OPTIONS_OF: Record<CliArgs['command'], string[]> = {
  run: ['--pretty', '--input', '--connections', '--data-dir', '--time-limit'],
  validate: [],
  import: ['--json'],
  modules: ['--json'],
  help: [],
};

export function parseArgs(argv: string[]): CliArgs | { error: string } {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h')
    return { command: 'help', files: [], pretty: false, json: false };
  if (!(command in OPTIONS_OF) || command === 'help') return { error: `unknown command "${command}"` };
  const args: CliArgs = { command: command as CliArgs['command'], files: [], pretty: false, json: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--') && !OPTIONS_OF[args.command].includes(a)) return { error: `unknown option ${a}` };
    if (a === '--pretty') args.pretty = true;
    else if (a === '--json') args.json = true;
    else if (a in VALUE_OPTIONS || a === '--time-limit') {
      const v = rest[++i];
      if (v === undefined) return { error: `${a} needs a value` };
      if (a === '--time-limit') args.timeLimitMs = Number(v) * 1000;
      else args[VALUE_OPTIONS[a]] = v;
    } else args.files.push(a);
  }
  return checked(args);
}

function checked(args: CliArgs): CliArgs | { error: string } {
  if (args.command === 'modules') {
    if (args.files.length) return { error: `unexpected argument ${args.files[0]}` };
    return args;
  }
  if (args.command === 'import') {
    if (!args.files.length) return { error: 'no file to import' };
    return args;
  }
  if (!args.files.length) return { error: 'the scenario file is missing' };
  if (args.files.length > 1) return { error: `unexpected argument ${args.files[1]}` };
  args.file = args.files[0];
  if (args.timeLimitMs !== undefined && !(args.timeLimitMs > 0))
    return { error: '--time-limit must be a positive number of seconds' };
  return args;
}
