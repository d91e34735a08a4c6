import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule, type TeamContext } from '../teams/access-rules';
import { orgRoleOf, roleAtLeast, TeamAccess } from '../teams/team-access.service';
import { AuthService } from './auth.service';
import { IS_PUBLIC, SUPERUSER_ONLY, type AuthUser } from './current-user';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  user?: AuthUser;
  team?: TeamContext;
}

/**
 * Every /api route needs a bearer token unless marked @Public(), and states its access rule
 * (@Authenticated, @OrgRole or @TeamRole); a route without a rule is refused, never left open.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly teams: TeamAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const header = String(request.headers.authorization ?? '');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('a bearer token is required (POST /api/auth/login)');
    const user = await this.auth.userForToken(match[1]);
    if (!user) throw new UnauthorizedException('the token is invalid or has expired');
    request.user = user;
    // @SuperUserOnly() predates the rules: it means an organisation admin.
    const legacy = this.reflector.getAllAndOverride<boolean>(SUPERUSER_ONLY, targets);
    const rule =
      this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets) ??
      (legacy ? ({ kind: 'org', role: 'admin' } as const) : undefined);
    if (!rule) throw new ForbiddenException('this route states no access rule');
    await this.check(rule, user, request);
    return true;
  }

  private async check(rule: AccessRule, user: AuthUser, request: GuardedRequest): Promise<void> {
    if (rule.kind === 'authenticated') return;
    const org = orgRoleOf(user);
    if (rule.kind === 'org') {
      if (org === 'owner' || (rule.role === 'admin' && org === 'admin') || rule.role === 'member') return;
      throw new ForbiddenException(`only an organisation ${rule.role} may do this`);
    }
    if (rule.resource) {
      // The record's own team decides; outside it the record does not exist for this user.
      const id = request.params?.[rule.param] ?? '';
      const teamId = await this.teams.ownerTeam(rule.resource, id, rule.param);
      const role = await this.teams.roleIn(user, teamId);
      if (!role) throw TeamAccess.notFound(rule.resource, id);
      request.team = { id: teamId, role };
    } else {
      const named = request.headers['x-team-id'] ?? request.query?.teamId;
      // Read here, so the query DTOs (which refuse unknown fields) never see it.
      if (request.query) delete request.query.teamId;
      request.team = await this.teams.requestTeam(
        user,
        Array.isArray(named) ? String(named[0]) : (named as string),
      );
    }
    user.teamRole = request.team.role;
    if (!roleAtLeast(request.team.role, rule.role))
      throw new ForbiddenException(
        `your role in this team (${request.team.role}) may not do this; it needs ${rule.role}`,
      );
  }
}
