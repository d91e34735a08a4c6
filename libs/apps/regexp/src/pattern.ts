import { field, userError } from '@integrator/sdk';

// The regular expression settings Make's text parser modules share, and how they become a
// JavaScript RegExp.

export const flagFields = {
  global: field.boolean({ label: 'Global match', help: 'Every match, not only the first.', default: false }),
  sensitive: field.boolean({ label: 'Case sensitive', default: true }),
  multiline: field.boolean({ label: 'Multiline', help: '^ and $ match at each line.', default: false }),
  singleline: field.boolean({ label: 'Singleline', help: 'The dot matches new lines too.', default: false }),
} as const;

export interface Flags {
  global?: boolean;
  sensitive?: boolean;
  multiline?: boolean;
  singleline?: boolean;
}

/** Always with the g flag (for matchAll/lastIndex); `global` decides how many matches count. */
export function compilePattern(pattern: string, flags: Flags, path: string): RegExp {
  const f = `g${flags.sensitive === false ? 'i' : ''}${flags.multiline ? 'm' : ''}${flags.singleline ? 's' : ''}`;
  try {
    // Make's engine also reads PCRE's (?P<name>…) for a named group; JavaScript spells it (?<name>…).
    return new RegExp(pattern.replace(/\(\?P</g, '(?<'), `${f}u`);
  } catch {
    try {
      // Without the u flag, patterns with escapes like \- outside classes are still valid.
      return new RegExp(pattern.replace(/\(\?P</g, '(?<'), f);
    } catch (err) {
      throw userError(`is not a valid regular expression: ${(err as Error).message}`, path);
    }
  }
}
