import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { TeamRoleName } from '@integrator/persistence';

/**
 * Every route states who may call it; the AuthGuard reads the rule and a route without one is
 * refused (test/e2e/route-rules.e2e-spec.ts enumerates the OpenAPI document to catch it early).
 */
export const ACCESS_RULE = 'integrator:access-rule';

/** Records whose team decides access; the guard reads the owning team of the id in the route. */
export type OwnedResource =
  | 'scenario'
  | 'connection'
  | 'webhook'
  | 'datastore'
  | 'customConnector'
  | 'objective'
  | 'keyResult'
  | 'checkIn'
  | 'execution'
  | 'incomplete'
  | 'appConnector'
  | 'appToken'
  | 'team';

export type OrgRoleName = 'owner' | 'admin' | 'member';

export type AccessRule =
  | { kind: 'authenticated' }
  | { kind: 'org'; role: OrgRoleName }
  | { kind: 'team'; role: TeamRoleName; resource?: OwnedResource; param: string };

/** Any signed-in user (their own profile, the catalog…). */
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/** An organisation role: 'admin' lets Owners and Admins in, 'owner' only Owners. */
export const OrgRole = (role: OrgRoleName) =>
  SetMetadata(ACCESS_RULE, { kind: 'org', role } satisfies AccessRule);

/**
 * At least this role in the team. With a resource, the team is the one owning the record whose
 * id is in the route parameter (default `id`): a user without a role there gets a 404, as if the
 * record did not exist. Without, the team is the request's (X-Team-Id header, `teamId` query, or
 * the user's first team).
 */
export const TeamRole = (role: TeamRoleName, resource?: OwnedResource, param = 'id') =>
  SetMetadata(ACCESS_RULE, { kind: 'team', role, resource, param } satisfies AccessRule);

/** The team a request acts in, and the caller's role there. */
export interface TeamContext {
  id: number;
  role: TeamRoleName;
}

export const CurrentTeam = createParamDecorator((_data: unknown, ctx: ExecutionContext): TeamContext => {
  const team = ctx.switchToHttp().getRequest<{ team?: TeamContext }>().team;
  if (!team) throw new Error('CurrentTeam used on a route without a TeamRole rule');
  return team;
});
