import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role, TeamRoleName } from '@integrator/persistence';

export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  timezone: string | null;
  groupIds: number[];
  /** The caller's role in the team the request acts in (set by the AuthGuard for team routes). */
  teamRole?: TeamRoleName;
}

/**
 * Records with a personal owner (objectives, key results, custom connectors) are changed by
 * their owner, or by an admin of their team (Owners and Admins of the organisation are that
 * in every team).
 */
export function isTeamAdmin(user: AuthUser): boolean {
  return user.role === 'superuser' || user.teamRole === 'admin';
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
