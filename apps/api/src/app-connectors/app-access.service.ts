import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConnectorEntity, AppTokenEntity, UserEntity } from '@integrator/persistence';
import { hashToken, newToken, sameSecret } from '../auth/tokens';
import { AuditLog } from '../teams/audit.service';
import { CLOCK, type ServerClock } from '../common/clock';
import { ipAllowed } from './ip-rules';

/** Who is calling the app API: the token's connector and user (the group's rights come with them). */
export interface AppAccess {
  connector: AppConnectorEntity;
  userId: number;
  tokenId: number;
}

export const APP_TOKEN_PREFIX = 'itgapp';
// lastUsedAt is informational: one write a minute per token is enough.
const TOUCH_EVERY_MS = 60_000;

/** The checks every app-connector call passes: blocked, IP rules, token, group membership. */
@Injectable()
export class AppAccessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly audit: AuditLog,
  ) {}

  /** A blocked connector or a refused address is a 403, whatever else the request says. */
  checkConnector(connector: AppConnectorEntity, ip: string): void {
    if (connector.blocked)
      throw new ForbiddenException('this app connector is blocked; a super user must unblock it first');
    if (!ipAllowed({ mode: connector.ipMode, rules: connector.ipRules }, ip)) {
      throw new ForbiddenException(`requests from ${ip} are not allowed for this app connector`);
    }
  }

  async isMember(userId: number, groupId: number): Promise<{ user: UserEntity | null; member: boolean }> {
    const user = await this.db
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, relations: { groups: true } });
    return { user, member: Boolean(user && !user.disabled && user.groups.some((g) => g.id === groupId)) };
  }

  async issueToken(connectorId: number, userId: number): Promise<string> {
    const token = newToken(APP_TOKEN_PREFIX);
    await this.db.getRepository(AppTokenEntity).insert({
      connectorId,
      userId,
      tokenHash: hashToken(token),
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    const [connector, user] = await Promise.all([
      this.db.getRepository(AppConnectorEntity).findOneBy({ id: connectorId }),
      this.db.getRepository(UserEntity).findOneBy({ id: userId }),
    ]);
    await this.audit.record({
      action: 'app_token.created',
      actor: user ? { id: user.id, email: user.email } : null,
      teamId: connector?.teamId ?? null,
      targetType: 'app_connector',
      targetId: connectorId,
    });
    return token;
  }

  async forRequest(authorization: string | undefined, ip: string): Promise<AppAccess> {
    const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!presented) {
      throw new UnauthorizedException(
        'an app token is required: Authorization: Bearer <token> (get one with POST /api/app/otp-request and /api/app/otp-validation)',
      );
    }
    if (!presented.startsWith(`${APP_TOKEN_PREFIX}_`)) {
      throw new UnauthorizedException(
        'this is not an app token; the app API takes tokens from POST /api/app/otp-validation, not session tokens',
      );
    }
    const hash = hashToken(presented);
    const token = await this.db.getRepository(AppTokenEntity).findOneBy({ tokenHash: hash });
    if (!token || !sameSecret(token.tokenHash, hash))
      throw new UnauthorizedException('the app token is not valid');
    if (token.revokedAt !== null)
      throw new UnauthorizedException('the app token was revoked; request a new one');
    const connector = await this.db.getRepository(AppConnectorEntity).findOneBy({ id: token.connectorId });
    if (!connector) throw new UnauthorizedException('the app token is not valid');
    this.checkConnector(connector, ip);
    const { user, member } = await this.isMember(token.userId, connector.groupId);
    if (!user) throw new UnauthorizedException("the app token's user no longer exists");
    if (user.disabled) throw new ForbiddenException("the app token's user is disabled");
    if (!member)
      throw new ForbiddenException(
        "the app token's user is no longer a member of the app connector's user group",
      );
    const now = this.clock.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt >= TOUCH_EVERY_MS) {
      await this.db.getRepository(AppTokenEntity).update(token.id, { lastUsedAt: now });
    }
    return { connector, userId: user.id, tokenId: token.id };
  }
}
