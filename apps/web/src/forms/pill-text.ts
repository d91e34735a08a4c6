import { splitTemplate } from '@integrator/engine/mapping/module-refs';
import type { MappingSource } from './mapping-sources';

// How a mapped value reads as pills. The stored text stays the expression the engine runs
// (`Hi {{1.email}}`, `{{$uppercase(1.name)}}`); each module reference in it is shown as one
// pill ("1. email" in the module's colour) that the editor treats as a single character. A
// whole `{{1.email}}` is one pill, braces included; inside a formula only the reference is,
// so the rest of the formula stays text the user can edit, as in Make.

export type Piece = { text: string } | { pill: string; reference: string };

export interface PillLook {
  label: string;
  /** Background colour: the module's app colour. */
  color: string;
  /** Text colour readable on `color` (black or white, whichever contrasts more). */
  ink: string;
  /** Full text for the tooltip. */
  title: string;
}

const DEFAULT_MODULE_COLOR = '#6040f5';

// A module id then field names: `1.email`, ``2.`first name`.x``; a bare number is a number.
const WHOLE_REFERENCE = /^\s*(\d+(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]*`))+)\s*$/;
const REFERENCE = /\d+(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]*`))+/g;

/** The text cut into literal text and pills; joining the pieces gives the text back exactly. */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  const addText = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && 'text' in last) last.text += t;
    else out.push({ text: t });
  };
  for (const part of splitTemplate(text)) {
    if ('text' in part) {
      addText(part.text);
      continue;
    }
    const whole = WHOLE_REFERENCE.exec(part.expression);
    if (whole) {
      out.push({ pill: `{{${part.expression}}}`, reference: whole[1] });
      continue;
    }
    addText('{{');
    let at = 0;
    for (const ref of references(part.expression)) {
      addText(part.expression.slice(at, ref.start));
      out.push({ pill: ref.text, reference: ref.text });
      at = ref.start + ref.text.length;
    }
    addText(`${part.expression.slice(at)}}}`);
  }
  return out;
}

export function joinPieces(list: readonly Piece[]): string {
  return list.map((p) => ('text' in p ? p.text : p.pill)).join('');
}

/** True when the text would show at least one pill. */
export function hasPills(text: string): boolean {
  return pieces(text).some((p) => 'pill' in p);
}

// Module references in an expression, outside quoted text and not part of a longer name.
function references(expression: string): Array<{ start: number; text: string }> {
  const quoted: Array<[number, number]> = [];
  for (let i = 0; i < expression.length; i++) {
    const q = expression[i];
    if (q !== '"' && q !== "'") continue;
    let j = i + 1;
    while (j < expression.length && expression[j] !== q) j += expression[j] === '\\' ? 2 : 1;
    quoted.push([i, j]);
    i = j;
  }
  const found: Array<{ start: number; text: string }> = [];
  for (const m of expression.matchAll(REFERENCE)) {
    const start = m.index ?? 0;
    if (quoted.some(([a, b]) => start > a && start < b)) continue;
    if (/[\w$.`]/.test(expression[start - 1] ?? '')) continue;
    found.push({ start, text: m[0] });
  }
  return found;
}

/** Label and colours of the pill for one module reference (`1.email`). */
export function pillLook(reference: string, sources: readonly MappingSource[]): PillLook {
  const dot = reference.indexOf('.');
  const id = Number(reference.slice(0, dot));
  const path = reference.slice(dot + 1);
  const source = sources.find((s) => s.id === id);
  const field = source?.fields.find((f) => f.path === path);
  const name = field?.friendly ?? path.replace(/`/g, '');
  const color = source?.color ?? DEFAULT_MODULE_COLOR;
  return {
    label: `${id}. ${name}`,
    color,
    ink: inkOn(color),
    title: `${source ? source.label : `Module ${id}`}: ${name} (${reference})`,
  };
}

/** Black or white, whichever contrasts more with the colour (always at least 4.5:1). */
export function inkOn(color: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return '#ffffff';
  const channel = (i: number) => {
    const c = parseInt(hex[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
