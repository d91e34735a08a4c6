import { GUARDS_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../auth/current-user';
import { AppTokenGuard } from '../app-connectors/app-token.guard';

type Ctor = new (...args: never[]) => unknown;

/** What the document needs to know about one handler, read from Nest's own metadata. */
export interface RouteInfo {
  /** No session token needed (@Public()). */
  isPublic: boolean;
  /** Guarded by an app token (the app API) instead of a session. */
  appToken: boolean;
  body?: Ctor;
  query?: Ctor;
}

/** The operation id of a handler: `scenarios_list` for ScenariosController.list. */
export function operationId(controllerKey: string, methodKey: string): string {
  const base = controllerKey.replace(/Controller$/, '');
  return `${base.charAt(0).toLowerCase()}${base.slice(1)}_${methodKey}`;
}

/** Every routed handler of the application, by operation id. */
export function collectRoutes(app: INestApplication): Map<string, RouteInfo> {
  const reflector = new Reflector();
  const routes = new Map<string, RouteInfo>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as Ctor | undefined;
      if (!cls?.prototype) continue;
      for (const key of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[key];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        routes.set(operationId(cls.name, key), routeInfo(reflector, cls, key, handler));
      }
    }
  }
  return routes;
}

function routeInfo(reflector: Reflector, cls: Ctor, key: string, handler: object): RouteInfo {
  const guards = [
    ...((Reflect.getMetadata(GUARDS_METADATA, cls) as unknown[]) ?? []),
    ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[]) ?? []),
  ];
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, key) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', cls.prototype, key) ?? []) as Ctor[];
  // Keys are "<paramtype>:<index>"; only whole-object @Body()/@Query() DTOs carry a schema.
  const dto = (type: RouteParamtypes) => {
    const entry = Object.entries(args).find(([k, v]) => k.startsWith(`${type}:`) && v.data === undefined);
    const cls = entry ? types[entry[1].index] : undefined;
    return cls && ![Object, String, Number, Boolean].includes(cls as never) ? cls : undefined;
  };
  return {
    isPublic: Boolean(reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler as never, cls])),
    appToken: guards.includes(AppTokenGuard),
    body: dto(RouteParamtypes.BODY),
    query: dto(RouteParamtypes.QUERY),
  };
}
