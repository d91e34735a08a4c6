import { userError } from '@integrator/sdk';

// A1 notation (Sheets API v4 "A1 notation"): columns are letters (A…Z, AA…), rows count from 1,
// and a sheet name is quoted when it is anything but letters, digits and underscores; a quote
// inside the name is doubled. We always quote: Google accepts a quoted plain name too.

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 'A' → 0, 'AA' → 26; undefined when the text is not column letters. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'Sheet'!A1:Z1` */
export function a1(sheet: string, range?: string): string {
  return range ? `${quoteSheet(sheet)}!${range}` : quoteSheet(sheet);
}

export interface RowSpan {
  /** First and last column, 0-based. */
  first: number;
  last: number;
  row: number;
}

/**
 * Make's "Row with headers" (`tableFirstRow`, e.g. A1:Z1): one row, from a column to a column.
 * It says where the table starts and how wide it is.
 */
export function parseTableFirstRow(raw: unknown, fieldName = 'tableFirstRow'): RowSpan {
  const text = typeof raw === 'string' && raw.trim() ? raw.trim().toUpperCase() : 'A1:Z1';
  const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(text);
  if (!m || m[2] !== m[4] || Number(m[2]) < 1)
    throw userError(`must be one row from a column to a column, like A1:Z1 (got "${text}")`, fieldName);
  const first = columnIndex(m[1])!;
  const last = columnIndex(m[3])!;
  if (last < first) throw userError(`ends before it starts (got "${text}")`, fieldName);
  return { first, last, row: Number(m[2]) };
}

export interface A1Range {
  startCol: number;
  startRow?: number;
  endCol?: number;
  endRow?: number;
}

/** A range without a sheet name, as Make's Get range values takes it: A1:D10, A:I, A2:L2, 3:5. */
export function parseRange(raw: string, fieldName = 'range'): A1Range {
  const text = raw.trim().toUpperCase();
  const cell = /^([A-Z]{0,3})(\d*)$/;
  const [from, to, extra] = text.split(':');
  const a = cell.exec(from ?? '');
  const b = to === undefined ? a : cell.exec(to);
  if (!text || extra !== undefined || !a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2]))
    throw userError(
      `must be a range in A1 notation without the sheet, like A1:D10 or A:D (got "${raw}")`,
      fieldName,
    );
  return {
    startCol: a[1] ? columnIndex(a[1])! : 0,
    startRow: a[2] ? Number(a[2]) : undefined,
    endCol: b[1] ? columnIndex(b[1]) : undefined,
    endRow: b[2] ? Number(b[2]) : undefined,
  };
}

/** The first row and column of a range Google answers (`Sheet1!A2:M40`, `'My Sheet'!B5`). */
export function rangeStart(range: string): { col: number; row: number } | undefined {
  const local = range.slice(range.lastIndexOf('!') + 1);
  const m = /^([A-Z]{1,3})?(\d+)?/.exec(local);
  if (!m) return undefined;
  return { col: m[1] ? columnIndex(m[1])! : 0, row: m[2] ? Number(m[2]) : 1 };
}

/** The last row of a range Google answers (`Sheet1!A6:C6` → 6). */
export function rangeEndRow(range: string): number | undefined {
  const local = range.slice(range.lastIndexOf('!') + 1);
  const m = /(\d+)$/.exec(local);
  return m ? Number(m[1]) : undefined;
}
