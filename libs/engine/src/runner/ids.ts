import { randomUUID } from 'node:crypto';

export function newExecutionId(): string {
  return randomUUID();
}
