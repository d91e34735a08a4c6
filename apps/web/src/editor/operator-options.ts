import { OPERATOR_TOKENS } from '@integrator/engine/filters/operators';

// Make's filter operators as the filter editor lists them: grouped by type, with readable
// names. The engine also accepts startswith/endswith spellings; the list shows one of each.

const NAMES: Record<string, string> = {
  exist: 'Exists',
  notexist: 'Does not exist',
  equal: 'Equal to',
  notequal: 'Not equal to',
  contain: 'Contains',
  notcontain: 'Does not contain',
  startwith: 'Starts with',
  notstartwith: 'Does not start with',
  endwith: 'Ends with',
  notendwith: 'Does not end with',
  pattern: 'Matches pattern',
  notpattern: 'Does not match pattern',
  less: 'Less than',
  greater: 'Greater than',
  lessorequal: 'Less than or equal to',
  greaterorequal: 'Greater than or equal to',
};

const GROUPS: Record<string, string> = {
  basic: 'Basic',
  text: 'Text',
  number: 'Numeric',
  date: 'Date',
  time: 'Time',
  array: 'Array',
  boolean: 'Boolean',
};

export interface OperatorGroup {
  label: string;
  options: Array<{ value: string; label: string }>;
}

export function operatorLabel(token: string): string {
  const parts = token.split(':');
  const [type, name, ci] = parts.length === 1 ? ['basic', parts[0], undefined] : parts;
  const base = NAMES[name] ?? name;
  const lengthWise =
    type === 'array' && name !== 'contain' && name !== 'notcontain' ? `Length ${base.toLowerCase()}` : base;
  return ci === 'ci' ? `${lengthWise} (case insensitive)` : lengthWise;
}

export function operatorGroups(tokens: readonly string[] = OPERATOR_TOKENS): OperatorGroup[] {
  const groups = new Map<string, OperatorGroup>();
  for (const token of tokens) {
    if (/:(not)?(starts|ends)with/.test(token)) continue;
    const type = token.includes(':') ? token.split(':')[0] : 'basic';
    let group = groups.get(type);
    if (!group) {
      group = { label: GROUPS[type] ?? type, options: [] };
      groups.set(type, group);
    }
    group.options.push({ value: token, label: operatorLabel(token) });
  }
  return [...groups.values()];
}
