import { HttpException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, type DataSource } from 'typeorm';
import { SessionEntity, UserEntity } from '@integrator/persistence';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, type ServerClock } from '../common/clock';
import type { AuthUser } from './current-user';
import { LOGIN_LIMITS, LoginLimiter } from './login-limiter';
import { generatePassword, hashPassword, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';

@Injectable()
export class AuthService {
  private readonly log = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {}

  /** Failed logins are counted in the database: shared by every process, kept across restarts. */
  private get limiter(): LoginLimiter {
    return new LoginLimiter(this.db, { ...LOGIN_LIMITS, ...this.config.loginLimits });
  }

  async login(email: string, password: string, ip: string): Promise<{ token: string; user: AuthUser }> {
    const now = this.clock.now();
    if (await this.limiter.blocked(email, ip, now))
      throw new HttpException('too many failed logins; try again in a few minutes', 429);
    const user = await this.db
      .getRepository(UserEntity)
      .findOne({ where: { email: email.toLowerCase() }, relations: { groups: true } });
    const ok = user && !user.disabled && (await verifyPassword(password, user.passwordHash));
    if (!user || !ok) {
      await this.limiter.fail(email, ip, now);
      throw new UnauthorizedException('wrong e-mail address or password');
    }
    await this.limiter.succeed(email, ip);
    const token = newToken('itg');
    await this.db.getRepository(SessionEntity).insert({
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      expiresAt: now + this.config.sessionHours * 3600_000,
    });
    await this.db.getRepository(UserEntity).update(user.id, { lastLoginAt: now });
    await this.db.getRepository(SessionEntity).delete({ expiresAt: LessThan(now) });
    return { token, user: toAuthUser(user) };
  }

  async logout(token: string): Promise<void> {
    await this.db.getRepository(SessionEntity).delete({ tokenHash: hashToken(token) });
  }

  async userForToken(token: string): Promise<AuthUser | undefined> {
    const session = await this.db.getRepository(SessionEntity).findOneBy({ tokenHash: hashToken(token) });
    if (!session || session.expiresAt <= this.clock.now()) return undefined;
    const user = await this.db
      .getRepository(UserEntity)
      .findOne({ where: { id: session.userId }, relations: { groups: true } });
    return user && !user.disabled ? toAuthUser(user) : undefined;
  }

  /** First start: the super user from the environment, or one with a generated password printed once. */
  async ensureSuperUser(): Promise<void> {
    const users = this.db.getRepository(UserEntity);
    if ((await users.count()) > 0) return;
    const email = (this.config.adminEmail ?? 'admin@localhost').toLowerCase();
    const password = this.config.adminPassword ?? generatePassword();
    await users.insert({
      email,
      name: 'Administrator',
      role: 'superuser',
      passwordHash: await hashPassword(password),
      createdAt: this.clock.now(),
    });
    if (this.config.adminPassword)
      this.log.log(`Super user ${email} created from INTEGRATOR_ADMIN_EMAIL / INTEGRATOR_ADMIN_PASSWORD`);
    else {
      // Printed once, to the console only (not to the structured log): it is never shown again.
      process.stdout.write(
        `\nSuper user created: ${email}\nPassword (shown once, change it after logging in): ${password}\n\n`,
      );
    }
  }
}

export function toAuthUser(user: UserEntity): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timezone: user.timezone,
    groupIds: (user.groups ?? []).map((g) => g.id),
  };
}
