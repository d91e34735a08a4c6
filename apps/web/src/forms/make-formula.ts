import { useCallback, useState } from 'react';
import { lexIml } from '@integrator/engine/import/iml-lexer';
import { looksLikeIml, translateIml } from '@integrator/engine/import/iml-translate';
import { splitTemplate } from '@integrator/engine/mapping/module-refs';
import { expressionProblem } from './expression-check';

// A Make user types Make's formulas into a field: `{{formatDate(1.date; "YYYY-MM-DD")}}`.
// When the field is left, each {{ }} written in Make's language is translated the way the
// blueprint import translates it (engine/import/iml-translate), so the field stores what the
// engine runs. One that cannot be translated is kept exactly as typed and named in a warning.

export interface FormulaProblem {
  expression: string;
  reason: string;
}

export interface FormulaResult {
  text: string;
  problems: FormulaProblem[];
}

export function translateFormulas(text: string): FormulaResult {
  const problems: FormulaProblem[] = [];
  if (!text.includes('{{')) return { text, problems };
  let out = '';
  for (const part of splitTemplate(text)) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const source = part.expression.trim();
    const make = source !== '' && (looksLikeIml(source) || callsBareName(source));
    // Ours already (JSONata with module references): left alone.
    if (!source || (!make && !expressionProblem(source))) {
      out += `{{${part.expression}}}`;
      continue;
    }
    const t = translateIml(source);
    const invalid = t.ok ? expressionProblem(t.expression) : undefined;
    if (t.ok && !invalid) {
      out += `{{${t.expression}}}`;
      continue;
    }
    // Not Make's language and not ours either: the parse error under the field says why.
    if (make) {
      problems.push({
        expression: source,
        reason: t.ok ? `its translation ${t.expression} is not valid: ${invalid}` : t.reason,
      });
    }
    out += `{{${part.expression}}}`;
  }
  return { text: out, problems };
}

// `frobnicate(1.a)`: a call without "$" is Make's way of writing it (JSONata would parse it
// and fail only at run time), so an unknown name is reported rather than kept silently.
function callsBareName(source: string): boolean {
  const tokens = lexIml(source);
  if (tokens.some((t) => t.kind === 'other' && t.value === '$')) return false;
  return tokens.some(
    (t, i) =>
      t.kind === 'ident' &&
      t.value !== 'function' &&
      tokens[i + 1]?.value === '(' &&
      tokens[i - 1]?.value !== '.',
  );
}

/** The warning naming the field, or undefined when every formula was translated. */
export function formulaWarning(label: string, problems: readonly FormulaProblem[]): string | undefined {
  if (!problems.length) return undefined;
  const each = problems.map((p) => `{{${p.expression}}} cannot be translated: ${p.reason}`).join('; ');
  return `${label}: ${each}. It was kept as typed and will fail at run time until it is changed.`;
}

/**
 * For a field: `leave(text, label)` translates its Make formulas, returning the new text when it
 * changed, and keeps a warning naming the field for those it cannot translate.
 */
export function useMakeFormulas(): {
  leave(text: string, label: string): string | undefined;
  warning: string | undefined;
} {
  const [warning, setWarning] = useState<string | undefined>();
  const leave = useCallback((text: string, label: string) => {
    const result = translateFormulas(text);
    setWarning(formulaWarning(label, result.problems));
    return result.text === text ? undefined : result.text;
  }, []);
  return { leave, warning };
}
