import { toModuleError, type ModuleError } from '@integrator/sdk';
import type { ErrorInfo } from './types';

export function errorInfo(err: unknown, moduleId?: number): ErrorInfo {
  const e: ModuleError = toModuleError(err);
  const info: ErrorInfo = { message: e.message, kind: e.kind, type: e.type };
  if (e.field !== undefined) info.field = e.field;
  if (e.status !== undefined) info.status = e.status;
  if (moduleId !== undefined) info.moduleId = moduleId;
  return info;
}
