import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppAccessService, type AppAccess } from './app-access.service';

type AppRequest = FastifyRequest & { appAccess?: AppAccess };

/** App-API routes are @Public() for the session guard; this guard checks the app token instead. */
@Injectable()
export class AppTokenGuard implements CanActivate {
  constructor(private readonly access: AppAccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AppRequest>();
    request.appAccess = await this.access.forRequest(request.headers.authorization, request.ip);
    return true;
  }
}

/** The caller the AppTokenGuard resolved. */
export const AppCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): AppAccess => {
  const access = ctx.switchToHttp().getRequest<AppRequest>().appAccess;
  if (!access) throw new Error('AppCaller used on a route without AppTokenGuard');
  return access;
});
