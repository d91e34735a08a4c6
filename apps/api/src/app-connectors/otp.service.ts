import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomInt } from 'node:crypto';
import { IsNull, LessThan, MoreThan, type DataSource } from 'typeorm';
import { AppConnectorEntity, AppOtpEntity, UserEntity } from '@integrator/persistence';
import { hashToken, sameSecret } from '../auth/tokens';
import { CLOCK, type ServerClock } from '../common/clock';
import { AppAccessService } from './app-access.service';
import { MailService } from './mail.service';

export const OTP_DIGITS = 8;
export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
/** Codes per user and connector within one TTL window (stops mail flooding). */
export const OTP_MAX_REQUESTS = 5;

const WRONG = 'the code is wrong or has expired; request a new one';

/** AFAS-style self-registration: a group member asks for a code by e-mail and trades it for a token. */
@Injectable()
export class OtpService {
  private readonly log = new Logger('AppConnectors');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly access: AppAccessService,
    private readonly mail: MailService,
  ) {}

  private get otps() {
    return this.db.getRepository(AppOtpEntity);
  }

  /** Answers nothing either way: a wrong key, user or membership looks like success. */
  async request(key: string, userRef: string, ip: string): Promise<void> {
    const connector = await this.db.getRepository(AppConnectorEntity).findOneBy({ key });
    if (!connector) return;
    this.access.checkConnector(connector, ip);
    const user = await this.findUser(userRef);
    if (!user || !(await this.access.isMember(user.id, connector.groupId)).member) return;
    const now = this.clock.now();
    await this.otps.delete({ createdAt: LessThan(now - 86_400_000) });
    const recent = await this.otps.countBy({
      connectorId: connector.id,
      userId: user.id,
      createdAt: MoreThan(now - OTP_TTL_MS),
    });
    if (recent >= OTP_MAX_REQUESTS) {
      this.log.warn(
        `One-time code for user ${user.id} on app connector ${connector.id} not sent: ${OTP_MAX_REQUESTS} codes in the last 10 minutes`,
      );
      return;
    }
    // Only the newest code is valid.
    await this.otps.update(
      { connectorId: connector.id, userId: user.id, consumedAt: IsNull() },
      { consumedAt: now },
    );
    const code = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
    const salt = randomBytes(12).toString('hex');
    await this.otps.insert({
      connectorId: connector.id,
      userId: user.id,
      salt,
      codeHash: hashToken(`${salt}:${code}`),
      attempts: 0,
      expiresAt: now + OTP_TTL_MS,
      consumedAt: null,
      createdAt: now,
    });
    await this.mail.send({
      to: user.email,
      subject: `${connector.description}: your one-time code`,
      text: `Your one-time code for "${connector.description}" is ${code}. It is valid for 10 minutes and can be used once. If you did not ask for it, ignore this message.`,
    });
  }

  /** A token for a right, fresh code; every failure gives the same answer. */
  async validate(key: string, userRef: string, code: string, ip: string): Promise<{ token: string }> {
    const connector = await this.db.getRepository(AppConnectorEntity).findOneBy({ key });
    if (!connector) throw new UnauthorizedException(WRONG);
    this.access.checkConnector(connector, ip);
    const user = await this.findUser(userRef);
    if (!user) throw new UnauthorizedException(WRONG);
    const now = this.clock.now();
    const otp = await this.otps.findOne({
      where: { connectorId: connector.id, userId: user.id, consumedAt: IsNull() },
      order: { id: 'DESC' },
    });
    if (!otp || otp.expiresAt <= now) throw new UnauthorizedException(WRONG);
    // Count the attempt first (atomically), so parallel guesses cannot exceed the limit.
    const counted = await this.otps.increment(
      { id: otp.id, consumedAt: IsNull(), attempts: LessThan(OTP_MAX_ATTEMPTS) },
      'attempts',
      1,
    );
    if (!counted.affected) throw new UnauthorizedException(WRONG);
    if (!sameSecret(hashToken(`${otp.salt}:${code.trim()}`), otp.codeHash)) {
      if (otp.attempts + 1 >= OTP_MAX_ATTEMPTS)
        await this.otps.update({ id: otp.id, consumedAt: IsNull() }, { consumedAt: now });
      throw new UnauthorizedException(WRONG);
    }
    const used = await this.otps.update({ id: otp.id, consumedAt: IsNull() }, { consumedAt: now });
    if (!used.affected) throw new UnauthorizedException(WRONG);
    if (!(await this.access.isMember(user.id, connector.groupId)).member)
      throw new UnauthorizedException(WRONG);
    return { token: await this.access.issueToken(connector.id, user.id) };
  }

  private async findUser(ref: string): Promise<UserEntity | null> {
    const value = ref.trim();
    const users = this.db.getRepository(UserEntity);
    if (/^\d{1,9}$/.test(value)) return users.findOneBy({ id: Number(value) });
    return users.findOneBy({ email: value.toLowerCase() });
  }
}
