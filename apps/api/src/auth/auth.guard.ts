import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from './auth.service';
import { IS_PUBLIC, SUPERUSER_ONLY, type AuthUser } from './current-user';

/** Every /api route needs a bearer token unless marked @Public(); @SuperUserOnly() adds the role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('a bearer token is required (POST /api/auth/login)');
    const user = await this.auth.userForToken(match[1]);
    if (!user) throw new UnauthorizedException('the token is invalid or has expired');
    request.user = user;
    if (this.reflector.getAllAndOverride<boolean>(SUPERUSER_ONLY, targets) && user.role !== 'superuser') {
      throw new ForbiddenException('only a super user may do this');
    }
    return true;
  }
}
