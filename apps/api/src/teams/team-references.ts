import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HotSql } from '@integrator/persistence';
import type { FieldError } from '../common/errors.filter';

type RefKind = 'connection' | 'webhook' | 'datastore' | 'customConnector' | 'keyResult';

interface Ref {
  kind: RefKind;
  id: number;
  path: string;
}

const TABLES: Record<RefKind, { table: string; name: string }> = {
  connection: { table: 'connections', name: 'connection' },
  webhook: { table: 'webhooks', name: 'webhook' },
  datastore: { table: 'data_stores', name: 'data store' },
  customConnector: { table: 'custom_connectors', name: 'custom connector' },
  keyResult: { table: 'key_results', name: 'key result' },
};

/** The records a module's parameters point at, by the parameter names our apps and Make's use. */
function refsOfModule(node: Record<string, unknown>, path: string): Ref[] {
  const params = (node.parameters ?? {}) as Record<string, unknown>;
  const refs: Ref[] = [];
  const add = (kind: RefKind, key: string) => {
    const value = params[key];
    if (value === undefined || value === null || value === '') return;
    const id = Number(value);
    // Ids that are not plain numbers name nothing stored; validation reports those.
    if (Number.isSafeInteger(id) && id > 0) refs.push({ kind, id, path: `${path}.parameters.${key}` });
  };
  add('connection', 'connection');
  add('connection', '__IMTCONN__');
  add('webhook', 'hook');
  add('datastore', 'datastore');
  add('keyResult', 'keyResult');
  if (typeof node.module === 'string' && node.module.startsWith('custom:'))
    add('customConnector', 'connector');
  return refs;
}

// A run's blueprint is the scenario cache's object for its version (never changed in place), so
// its references are read once per version instead of walking the flow before every run.
const refsOf = new WeakMap<object, Ref[]>();

function cachedRefs(blueprint: unknown): Ref[] {
  if (blueprint === null || typeof blueprint !== 'object') return blueprintRefs(blueprint);
  let refs = refsOf.get(blueprint);
  if (!refs) refsOf.set(blueprint, (refs = blueprintRefs(blueprint)));
  return refs;
}

export function blueprintRefs(blueprint: unknown): Ref[] {
  const refs: Ref[] = [];
  const walk = (flow: unknown, path: string) => {
    if (!Array.isArray(flow)) return;
    flow.forEach((node: unknown, i) => {
      if (!node || typeof node !== 'object') return;
      const here = `${path}[${i}]`;
      const n = node as Record<string, unknown>;
      refs.push(...refsOfModule(n, here));
      const routes = Array.isArray(n.routes) ? (n.routes as Array<{ flow?: unknown } | null>) : [];
      routes.forEach((route, r) => walk(route?.flow, `${here}.routes[${r}].flow`));
      walk(n.onerror, `${here}.onerror`);
    });
  };
  walk((blueprint as { flow?: unknown } | null)?.flow, 'flow');
  return refs;
}

/**
 * A scenario may only use its own team's connections, webhooks, data stores, custom connectors
 * and key results (and connections shared with its team). Checked when a blueprint is saved,
 * imported or run as a draft, and again before every run.
 */
@Injectable()
export class TeamReferences {
  private readonly sql: HotSql;

  // Plain prepared SQL, not TypeORM: this runs before every execution.
  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = new HotSql(db);
  }

  /**
   * Blueprints (by their references) found usable by these teams for good: every reference is
   * to a record of the team that never changes team (not a connection, see fixedOwners). The
   * check before every run then costs a lookup.
   */
  private readonly settled = new WeakMap<Ref[], Set<number>>();

  /** Every reference of the blueprint that the team may not use, each with its path. */
  async violations(blueprint: unknown, teamId: number): Promise<FieldError[]> {
    const refs = cachedRefs(blueprint);
    if (!refs.length || this.settled.get(refs)?.has(teamId)) return [];
    const problems = await this.check(refs, teamId);
    if (!problems.length && refs.every((r) => r.kind !== 'connection' && this.ownerOf(r) === teamId)) {
      const teams = this.settled.get(refs) ?? new Set<number>();
      teams.add(teamId);
      this.settled.set(refs, teams);
    }
    return problems;
  }

  private async check(refs: Ref[], teamId: number): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    for (const kind of Object.keys(TABLES) as RefKind[]) {
      const ofKind = refs.filter((r) => r.kind === kind);
      if (!ofKind.length) continue;
      const owners = await this.owners(kind, [...new Set(ofKind.map((r) => r.id))]);
      const shared =
        kind === 'connection' ? await this.sharedWith(teamId, [...owners.keys()]) : new Set<number>();
      for (const ref of ofKind) {
        const owner = owners.get(ref.id);
        // A record that does not exist leaks nothing; the run reports it as missing.
        if (owner === undefined || owner === teamId || shared.has(ref.id)) continue;
        problems.push({ path: ref.path, message: `${TABLES[kind].name} ${ref.id} belongs to another team` });
      }
    }
    return problems;
  }

  /** Throws a 403 naming every field that points at another team's record. */
  async assertAllowed(blueprint: unknown, teamId: number): Promise<void> {
    const fields = await this.violations(blueprint, teamId);
    if (!fields.length) return;
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: fields.map((f) => `${f.path}: ${f.message}`).join('; '),
      fields,
    });
  }

  /** May a scenario of this team use this connection (its own, or shared with the team)? */
  async connectionUsable(connectionId: number, ownerTeam: number, teamId: number): Promise<boolean> {
    if (ownerTeam === teamId) return true;
    return (await this.sharedWith(teamId, [connectionId])).has(connectionId);
  }

  /**
   * Owners of webhooks, data stores, custom connectors and key results, as read. These records
   * never change team (only connections move, and only connections are shared) and their ids are
   * never reused, so an owner once read stays true: this check runs before every run, and would
   * otherwise cost a query each. A deleted record may stay here; it leaks nothing (the run finds
   * it missing). Records not found are not kept: one may be created with that id later.
   */
  private readonly fixedOwners = new Map<string, number>();

  private async owners(kind: RefKind, ids: number[]): Promise<Map<number, number>> {
    const known = new Map<number, number>();
    const fixed = kind !== 'connection';
    const missing = fixed ? ids.filter((id) => !this.cachedOwner(kind, id, known)) : ids;
    if (!missing.length) return known;
    const { rows } = await this.sql.run(
      this.db,
      `SELECT id, "teamId" FROM ${TABLES[kind].table} WHERE id IN (${marks(missing)})`,
      missing.map(Number),
    );
    if (fixed && this.fixedOwners.size > 50_000) this.fixedOwners.clear();
    for (const r of rows) {
      known.set(Number(r.id), Number(r.teamId));
      if (fixed) this.fixedOwners.set(`${kind}:${Number(r.id)}`, Number(r.teamId));
    }
    return known;
  }

  private ownerOf(ref: Ref): number | undefined {
    return this.fixedOwners.get(`${ref.kind}:${ref.id}`);
  }

  private cachedOwner(kind: RefKind, id: number, into: Map<number, number>): boolean {
    const owner = this.fixedOwners.get(`${kind}:${id}`);
    if (owner !== undefined) into.set(id, owner);
    return owner !== undefined;
  }

  private async sharedWith(teamId: number, connectionIds: number[]): Promise<Set<number>> {
    if (!connectionIds.length) return new Set();
    const { rows } = await this.sql.run(
      this.db,
      `SELECT "connectionId" FROM connection_shares WHERE "teamId" = ? AND "connectionId" IN (${marks(connectionIds)})`,
      [Number(teamId), ...connectionIds.map(Number)],
    );
    return new Set(rows.map((r) => Number(r.connectionId)));
  }
}

/** `?, ?, ?` for a list: statements differ only by the list's length (prepared once each). */
function marks(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}
