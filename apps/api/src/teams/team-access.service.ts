import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TEAM_ROLES, TeamEntity, TeamMemberEntity, type TeamRoleName } from '@integrator/persistence';
import type { AuthUser } from '../auth/current-user';
import { FieldsException } from '../common/errors.filter';
import type { OrgRoleName, OwnedResource, TeamContext } from './access-rules';

// How to find the owning team of each kind of record, and how to name it in a 404.
const OWNER_SQL: Record<OwnedResource, { sql: string; name: string }> = {
  scenario: { sql: 'SELECT "teamId" FROM scenarios WHERE id = $1', name: 'scenario' },
  connection: { sql: 'SELECT "teamId" FROM connections WHERE id = $1', name: 'connection' },
  webhook: { sql: 'SELECT "teamId" FROM webhooks WHERE id = $1', name: 'webhook' },
  datastore: { sql: 'SELECT "teamId" FROM data_stores WHERE id = $1', name: 'data store' },
  customConnector: { sql: 'SELECT "teamId" FROM custom_connectors WHERE id = $1', name: 'custom connector' },
  objective: { sql: 'SELECT "teamId" FROM objectives WHERE id = $1', name: 'objective' },
  keyResult: { sql: 'SELECT "teamId" FROM key_results WHERE id = $1', name: 'key result' },
  checkIn: {
    sql: 'SELECT k."teamId" FROM check_ins c JOIN key_results k ON k.id = c."keyResultId" WHERE c.id = $1',
    name: 'check-in',
  },
  execution: {
    sql: 'SELECT s."teamId" FROM executions e JOIN scenarios s ON s.id = e."scenarioId" WHERE e.id = $1',
    name: 'execution',
  },
  incomplete: {
    sql: 'SELECT s."teamId" FROM incomplete_executions i JOIN scenarios s ON s.id = i."scenarioId" WHERE i.id = $1',
    name: 'incomplete execution',
  },
  appConnector: { sql: 'SELECT "teamId" FROM app_connectors WHERE id = $1', name: 'app connector' },
  appToken: {
    sql: 'SELECT c."teamId" FROM app_tokens t JOIN app_connectors c ON c.id = t."connectorId" WHERE t.id = $1',
    name: 'app token',
  },
  team: { sql: 'SELECT id AS "teamId" FROM teams WHERE id = $1', name: 'team' },
};

export function orgRoleOf(user: Pick<AuthUser, 'role'>): OrgRoleName {
  return user.role === 'superuser' ? 'owner' : user.role === 'admin' ? 'admin' : 'member';
}

export function isOrgAdmin(user: Pick<AuthUser, 'role'>): boolean {
  return orgRoleOf(user) !== 'member';
}

export function roleAtLeast(role: TeamRoleName, needed: TeamRoleName): boolean {
  return TEAM_ROLES.indexOf(role) >= TEAM_ROLES.indexOf(needed);
}

/** Who may do what in which team: the memberships, and the owning team of a record. */
@Injectable()
export class TeamAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private sql(text: string): string {
    return this.db.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?');
  }

  /** The user's role in a team; Owners and Admins are team admins everywhere. */
  async roleIn(user: AuthUser, teamId: number): Promise<TeamRoleName | null> {
    if (isOrgAdmin(user))
      return (await this.db.getRepository(TeamEntity).existsBy({ id: teamId })) ? 'admin' : null;
    const row = await this.db.getRepository(TeamMemberEntity).findOneBy({ teamId, userId: user.id });
    return row?.role ?? null;
  }

  /** The team a request names (X-Team-Id / teamId), or the user's first team. */
  async requestTeam(user: AuthUser, named: string | undefined): Promise<TeamContext> {
    if (named !== undefined && named !== '') {
      const id = Number(named);
      const role = Number.isSafeInteger(id) && id > 0 ? await this.roleIn(user, id) : null;
      if (!role) throw new NotFoundException(`team ${named} not found (X-Team-Id)`);
      return { id, role };
    }
    const teams = await this.teamsOf(user);
    if (!teams.length)
      throw new NotFoundException('you are not a member of any team; ask an admin to add you');
    return { id: teams[0].id, role: teams[0].role };
  }

  /** The teams a user can act in, in id order, with their role. */
  async teamsOf(user: AuthUser): Promise<Array<{ id: number; name: string; role: TeamRoleName }>> {
    if (isOrgAdmin(user)) {
      const all = await this.db.getRepository(TeamEntity).find({ order: { id: 'ASC' } });
      return all.map((t) => ({ id: t.id, name: t.name, role: 'admin' as const }));
    }
    const rows: Array<{ id: number; name: string; role: TeamRoleName }> = await this.db.query(
      this.sql(
        'SELECT t.id, t.name, m.role FROM team_members m JOIN teams t ON t.id = m."teamId" WHERE m."userId" = $1 ORDER BY t.id',
      ),
      [user.id],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** The owning team of a record; a 404 when it does not exist. */
  async ownerTeam(resource: OwnedResource, id: string, param = 'id'): Promise<number> {
    const { sql, name } = OWNER_SQL[resource];
    const numeric = resource !== 'execution';
    // A malformed id says nothing about what exists: the same 400 the route's pipe would give.
    if (numeric && !/^\d{1,15}$/.test(id))
      throw new FieldsException([{ path: param, message: 'must be an integer' }]);
    if (!numeric && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw new FieldsException([{ path: param, message: 'must be a UUID' }]);
    const rows: Array<{ teamId: number | string }> = await this.db.query(this.sql(sql), [
      numeric ? Number(id) : id,
    ]);
    if (!rows.length) throw new NotFoundException(`${name} ${id} not found`);
    return Number(rows[0].teamId);
  }

  static notFound(resource: OwnedResource, id: string): NotFoundException {
    return new NotFoundException(`${OWNER_SQL[resource].name} ${id} not found`);
  }
}
