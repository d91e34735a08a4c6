import { createHash } from 'node:crypto';
import { LessThan, MoreThan, type DataSource } from 'typeorm';
import { LoginFailureEntity } from '@integrator/persistence';

export interface LoginLimits {
  /** Failures of one account from one address (a successful login there clears them). */
  perAccountAndAddress: number;
  /** Failures of one account from every address together (guessing spread over many addresses). */
  perAccount: number;
  /** Failures from one address over every account (one address trying many accounts). */
  perAddress: number;
  windowMs: number;
}

export const LOGIN_LIMITS: LoginLimits = {
  perAccountAndAddress: 10,
  perAccount: 50,
  perAddress: 50,
  windowMs: 15 * 60 * 1000,
};

type Scope = 'pair' | 'account' | 'address';

/**
 * Slows down password guessing. Failures live in the database, so every API process counts
 * the same attempts and a restart forgets nothing. Subjects are stored hashed: the table says
 * how often, not who.
 */
export class LoginLimiter {
  constructor(
    private readonly db: DataSource,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {}

  async blocked(email: string, ip: string, now: number): Promise<boolean> {
    const since = now - this.limits.windowMs;
    const over = async (scope: Scope, value: string, limit: number) =>
      (await this.repo.countBy({ scope, subject: subject(scope, value), at: MoreThan(since) })) >= limit;
    return (
      (await over('pair', pair(email, ip), this.limits.perAccountAndAddress)) ||
      (await over('account', email, this.limits.perAccount)) ||
      (await over('address', ip, this.limits.perAddress))
    );
  }

  async fail(email: string, ip: string, now: number): Promise<void> {
    await this.repo.insert([
      { scope: 'pair', subject: subject('pair', pair(email, ip)), at: now },
      { scope: 'account', subject: subject('account', email), at: now },
      { scope: 'address', subject: subject('address', ip), at: now },
    ]);
    // Old failures count for nothing: pruned as new ones come (the table stays small under attack).
    await this.repo.delete({ at: LessThan(now - this.limits.windowMs) });
  }

  /** The right password from this address: its failures for this account are forgiven. */
  async succeed(email: string, ip: string): Promise<void> {
    await this.repo.delete({ scope: 'pair', subject: subject('pair', pair(email, ip)) });
  }

  private get repo() {
    return this.db.getRepository(LoginFailureEntity);
  }
}

function pair(email: string, ip: string): string {
  return `${email}|${ip}`;
}

function subject(scope: Scope, value: string): string {
  return createHash('sha256').update(`${scope}:${value.toLowerCase()}`).digest('hex');
}
