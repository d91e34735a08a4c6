import jsonata from 'jsonata';
import { rewriteModuleRefs, splitTemplate } from '@integrator/engine/mapping/module-refs';

// Checks the {{ }} parts of a mapped value as the user types, the way the engine will compile
// them: module references rewritten to variables, then parsed by JSONata (never evaluated).

export function hasMapping(value: unknown): value is string {
  return typeof value === 'string' && value.includes('{{');
}

/** The first problem of a template, or undefined when every expression parses. */
export function templateProblem(template: string): string | undefined {
  if (!template.includes('{{')) return undefined;
  for (const part of splitTemplate(template)) {
    if ('text' in part) {
      if (part.text.includes('{{')) return 'a {{ is never closed with }}';
      continue;
    }
    const problem = expressionProblem(part.expression);
    if (problem) return `{{${part.expression}}}: ${problem}`;
  }
  return undefined;
}

export function expressionProblem(expression: string): string | undefined {
  const source = rewriteModuleRefs(expression).source.trim();
  if (!source) return 'empty expression';
  try {
    jsonata(source);
    return undefined;
  } catch (err) {
    return parseMessage(err);
  }
}

function parseMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string')
    return err.message;
  return 'cannot be read';
}
