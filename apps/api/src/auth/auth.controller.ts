import { Body, Controller, Get, HttpCode, HttpException, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { AuthService } from './auth.service';
import { CurrentUser, Public, type AuthUser } from './current-user';
import { Authenticated } from '../teams/access-rules';
import { AuditLog } from '../teams/audit.service';
import { orgRoleOf, TeamAccess } from '../teams/team-access.service';

export class LoginDto {
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditLog,
    private readonly teams: TeamAccess,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    try {
      const result = await this.auth.login(body.email, body.password, request.ip);
      await this.audit.record({ action: 'login', actor: result.user, ip: request.ip });
      return result;
    } catch (err) {
      // Wrong password and refused (rate-limited) attempts alike; the password is never stored.
      if (err instanceof HttpException && [401, 429].includes(err.getStatus()))
        await this.audit.record({
          action: 'login.failed',
          actorEmail: body.email.toLowerCase(),
          ip: request.ip,
          details: { status: err.getStatus() },
        });
      throw err;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  async logout(@Req() request: FastifyRequest) {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token) await this.auth.logout(token);
  }

  @Get('me')
  @Authenticated()
  async me(@CurrentUser() user: AuthUser) {
    return { ...user, orgRole: orgRoleOf(user), teams: await this.teams.teamsOf(user) };
  }
}
