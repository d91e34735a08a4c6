// The one place where the server's names for request fields become the words on the page. A 400
// names a failing field by its path in the request body ("ipRules.allow[2]",
// "schedule.minutes"); people know it by the label of its input ("IP rules, line 3", "Minutes
// between runs"). Every page shows API errors through errors.ts, which asks here.

/** Labels by path, array indexes left out ("ipRules.allow[2]" is looked up as "ipRules.allow"). */
const LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  email: 'E-mail address',
  password: 'Password',
  role: 'Role',
  type: 'Type',
  timezone: 'Time zone',
  folder: 'Folder',
  blueprint: 'Blueprint',
  // App connectors
  groupId: 'User group',
  blocked: 'Blocked',
  scenarioIds: 'Scenarios it may run',
  dataStoreIds: 'Data stores it may read',
  ipRules: 'IP rules',
  'ipRules.allow': 'IP rules',
  'ipRules.deny': 'IP rules',
  // Webhooks
  kind: 'Receives',
  scenarioId: 'Scenario',
  requiredFields: 'Required fields',
  maxQueue: 'Queue limit',
  maxBodyBytes: 'Largest request',
  idempotencyField: 'Duplicate check field',
  idempotencyWindowHours: 'Duplicate check window (hours)',
  responseTimeoutSeconds: 'Response timeout (seconds)',
  // Connections
  credentials: 'Credentials',
  values: 'Credentials',
  // Data stores
  maxSizeBytes: 'Size limit',
  strict: 'Strict structure',
  fields: 'Structure',
  data: 'Record',
  key: 'Key',
  // Schedule
  schedule: 'Schedule',
  'schedule.type': 'Run the scenario',
  'schedule.timezone': 'Time zone',
  'schedule.minutes': 'Minutes between runs',
  'schedule.time': 'Time',
  'schedule.at': 'Date and time',
  'schedule.days': 'Days',
  'schedule.dates': 'Dates',
  'schedule.expression': 'Cron expression',
  'schedule.start': 'Start',
  'schedule.end': 'End',
  // Organisation
  privateNetworkGuard: 'Block requests to private networks',
  executionRetentionDays: 'Keep execution history (days)',
  executionRetentionCount: 'Keep at most this many runs per scenario',
  executionRetentionBytes: 'Keep at most this much history in all',
  'integrations.customConnector': 'Custom connector',
  // Custom connectors
  connectorId: 'Custom connector',
  method: 'Method',
  url: 'URL',
  params: 'Params',
  headers: 'Headers',
  body: 'Body',
  auth: 'Authorization',
  'auth.type': 'Authorization type',
  fieldPath: 'Field directory',
  // Key results and teams
  objectiveId: 'Objective',
  ownerId: 'Owner',
  periodStart: 'Start',
  periodEnd: 'End',
  takenAt: 'Date',
  value: 'Value',
  note: 'Note',
  userIds: 'Members',
  teamId: 'Team',
};

/** Lists people type one entry a line into: an index is a line of the text box. */
const LINES = new Set(['ipRules.allow', 'ipRules.deny', 'requiredFields']);

/** Objects whose keys people typed themselves (a header's name): shown as typed. */
const TYPED_KEYS = new Set(['headers', 'params', 'data']);

const INDEX = /\[(\d+)\]/g;

/** "maxQueue" → "Max queue": a field this table does not know still reads as words. */
function words(name: string): string {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * The words for a request path: "ipRules.allow[2]" → "IP rules, line 3", "schedule.minutes" →
 * "Minutes between runs", "credentials.apiKey" → "Credentials, Api key". A blueprint path names
 * the module by its place ("Blueprint, module 2 of the flow, Array"); the editor, which knows the
 * modules, says their names instead (run/friendly-error.ts).
 */
export function pathLabel(path: string): string {
  const blueprint = /^(?:blueprint\.)?flow\[(\d+)\](.*)$/.exec(path);
  if (blueprint) {
    const rest = blueprint[2].replace(/^\.(mapper|parameters)/, '').replace(/^\./, '');
    const field = rest ? `, ${pathLabel(rest)}` : '';
    return `Blueprint, module ${Number(blueprint[1]) + 1} of the flow${field}`;
  }
  const bare = path.replace(INDEX, '');
  const known = LABELS[bare];
  const index = /\[(\d+)\]$/.exec(path);
  if (known && index) return `${known}, ${LINES.has(bare) ? 'line' : 'item'} ${Number(index[1]) + 1}`;
  if (known) return known;
  // The longest known start, then the rest as words: "credentials.apiKey" → "Credentials, Api key".
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const head = parts.slice(0, n).join('.');
    if (LABELS[head.replace(INDEX, '')] || n === 1) {
      const rest = TYPED_KEYS.has(head) ? parts.slice(n).join('.') : parts.slice(n).map(partLabel).join(', ');
      return `${pathLabel(head)}, ${rest}`;
    }
  }
  return partLabel(path);
}

function partLabel(part: string): string {
  const index = /^(.*)\[(\d+)\]$/.exec(part);
  if (index) return `${partLabel(index[1])}, item ${Number(index[2]) + 1}`;
  return LABELS[part] ?? words(part);
}

/** A field's message in a sentence: "Name is required", "IP rules, line 3: not an address". */
export function fieldSentence(path: string, message: string): string {
  const label = pathLabel(path);
  return message === 'is required' || message.startsWith('is ') || message.startsWith('must ')
    ? `${label} ${message}`
    : `${label}: ${message}`;
}

// "flow[1].mapper.x: …" or "ipRules.allow[2]: …" at the start of a message, or after "; ".
const LEADING_PATH = /(^|; )((?:[A-Za-z_$][\w$]*|\[\d+\])(?:\.[A-Za-z_$][\w$]*|\[\d+\])*): ([^;]*)/g;

/** A message the server wrote with paths ("maxQueue: must be …; name: is required"), in words. */
export function pathsToLabels(message: string): string {
  return message.replace(LEADING_PATH, (whole, lead: string, path: string, rest: string) =>
    /[.[]/.test(path) || LABELS[path] ? `${lead}${fieldSentence(path, rest)}` : whole,
  );
}
