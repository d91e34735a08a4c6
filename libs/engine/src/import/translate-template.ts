import { compileExpression } from '../mapping/expression';
import { splitTemplate } from '../mapping/module-refs';
import { translateIml } from './iml-translate';
import type { ImportReport } from './report';

// Rewrites every {{ }} inside a mapped value from IML to our mapping language. Text around
// the braces stays; an expression that cannot be translated safely stays exactly as it was
// and is reported, so the compiler flags it rather than the import guessing.

type Findings = Pick<ImportReport, 'translatedExpressions' | 'untranslatable'>;

export function translateValue(value: unknown, path: string, report: Findings): unknown {
  if (typeof value === 'string') return value.includes('{{') ? translateTemplate(value, path, report) : value;
  if (Array.isArray(value)) return value.map((v, i) => translateValue(v, `${path}[${i}]`, report));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = translateValue(v, `${path}.${k}`, report);
    return out;
  }
  return value;
}

export function translateTemplate(text: string, path: string, report: Findings): string {
  let out = '';
  for (const part of splitTemplate(text)) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const from = part.expression.trim();
    if (!from) {
      out += `{{${part.expression}}}`;
      continue;
    }
    const to = translateExpression(from, path, report);
    out += `{{${to ?? part.expression}}}`;
  }
  return out;
}

function translateExpression(from: string, path: string, report: Findings): string | undefined {
  const t = translateIml(from);
  if (!t.ok) {
    report.untranslatable.push({ path, expression: from, reason: t.reason });
    return undefined;
  }
  // The translation must compile; if it does not, keeping the original is the honest outcome.
  try {
    compileExpression(t.expression);
  } catch (err) {
    report.untranslatable.push({
      path,
      expression: from,
      reason: `its translation ${t.expression} is not valid: ${(err as Error).message}`,
    });
    return undefined;
  }
  if (t.expression !== from) report.translatedExpressions.push({ path, from, to: t.expression });
  return t.expression;
}
