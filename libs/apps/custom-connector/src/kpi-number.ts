import { describe, ModuleError } from '@integrator/sdk';

// A key result needs a number. APIs often send numbers as text, sometimes with thousands
// separators ("1,234.5"), so such text is read as a number. Only the unambiguous English form
// is accepted: "1.234,5", "12%", "$5", "0x10" or "1,23" are refused rather than guessed at.

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** The number a text holds, or undefined when it is not a plain or comma-grouped decimal. */
export function parseNumericText(text: string): number | undefined {
  const t = text.trim();
  if (PLAIN.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  return undefined;
}

/**
 * The value as the number a key result needs: numbers as they are, numeric text converted.
 * Anything else (empty, a boolean, an object, non-numeric text) is a user error naming the path.
 */
export function toKpiNumber(value: unknown, fieldPath = ''): number {
  const where = fieldPath ? `the value at ${fieldPath}` : 'the response';
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw notNumber(`${where} is ${value}, not a finite number`, fieldPath);
  }
  if (typeof value === 'string') {
    const n = parseNumericText(value);
    if (n !== undefined && Number.isFinite(n)) return n;
    throw notNumber(
      `${where} is the text ${describe(value)}, not a number (numeric text such as "1234.5" or "1,234.5" is accepted)`,
      fieldPath,
    );
  }
  const kind =
    value === null || value === undefined
      ? 'empty'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'an object'
          : `${typeof value} ${describe(value)}`;
  throw notNumber(
    `${where} is ${kind}, not a number${fieldPath ? '' : ' (choose a field directory)'}`,
    fieldPath,
  );
}

function notNumber(message: string, fieldPath: string): ModuleError {
  return new ModuleError(message, {
    kind: 'user',
    type: 'DataError',
    field: 'fieldPath',
    details: { fieldPath },
  });
}
