import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@integrator/persistence';

export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  timezone: string | null;
  groupIds: number[];
}

export const IS_PUBLIC = 'integrator:public';
export const SUPERUSER_ONLY = 'integrator:superuser';

/** The route needs no bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only a super user may call the route. */
export const SuperUserOnly = () => SetMetadata(SUPERUSER_ONLY, true);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
