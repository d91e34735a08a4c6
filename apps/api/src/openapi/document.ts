import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completeDocument } from './complete';
import { collectRoutes, operationId } from './routes';

/** The committed document (docs/openapi.json) names this server; a served one names its own. */
export const DEFAULT_SERVER = 'http://localhost:3000';

/** The whole OpenAPI document of the app: Nest's explorer, then completed (see complete.ts). */
export function buildOpenApiDocument(app: INestApplication, serverUrl = DEFAULT_SERVER): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Integrator API').setVersion('1').build(),
    { operationIdFactory: operationId },
  );
  return completeDocument(document, collectRoutes(app), serverUrl.replace(/\/+$/, ''));
}
