import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TeamRole } from '../teams/access-rules';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Public } from '../auth/current-user';
import { CLOCK, type ServerClock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpClients } from '../executions/http-clients';
import { originOf } from '../webhooks/webhooks.controller';
import { FieldsException } from '../common/errors.filter';
import { ConnectionsService } from './connections.service';
import { exchangeCode } from '@integrator/engine';
import { readState, signState } from './oauth-state';

/**
 * OAuth2 authorization-code connections: "Authorise" (or "Reauthorise" after a failed refresh)
 * sends the user to the provider; the provider sends them back to the callback with a code,
 * which is traded for tokens that go into the vault.
 */
@ApiTags('connections')
@Controller('api')
export class OAuthController {
  private readonly secret: Buffer;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly http: HttpClients,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secret = createHash('sha256')
      .update(`oauth:${config.encryptionKey ?? config.dataDir}`)
      .digest();
  }

  @Post('connections/:id/authorize')
  @TeamRole('member', 'connection')
  @HttpCode(200)
  async authorize(@Param('id', ParseIntPipe) id: number, @Req() request: FastifyRequest) {
    const { type, credentials } = await this.connections.credentialsOf(id);
    if (type.oauth2?.grant !== 'authorization_code' || !type.oauth2.authorizeUrl) {
      throw new BadRequestException(`connection type ${type.key} is not authorised in the browser`);
    }
    // A type that also takes a pasted token (Slack) has the client ID optional: needed here.
    if (!String(credentials.clientId ?? '').trim())
      throw new FieldsException([{ path: 'credentials.clientId', message: 'is required to authorise' }]);
    const url = new URL(type.oauth2.authorizeUrl(credentials));
    // The type's extras first, so they cannot replace the flow's own parameters set below.
    for (const [name, value] of Object.entries(type.oauth2.authorizeParams?.(credentials) ?? {}))
      url.searchParams.set(name, value);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', String(credentials.clientId ?? ''));
    url.searchParams.set('redirect_uri', this.redirectUri(request));
    const scope = type.oauth2.scope?.(credentials);
    if (scope) url.searchParams.set('scope', scope);
    url.searchParams.set('state', signState(this.secret, id, this.clock.now()));
    return { url: url.toString() };
  }

  @Public()
  @Get('oauth/callback')
  async callback(
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Query('error') error: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const id = state ? readState(this.secret, state, this.clock.now()) : undefined;
    if (!id)
      return reply
        .status(400)
        .type('text/html')
        .send(page('The authorisation link has expired or is not valid. Start again from the connection.'));
    if (error || !code)
      return reply
        .status(400)
        .type('text/html')
        .send(
          page(`The provider did not authorise the connection${error ? ` (${escapeHtml(error)})` : ''}.`),
        );
    const { type, credentials } = await this.connections.credentialsForCallback(id);
    try {
      const tokens = await exchangeCode(
        type,
        credentials,
        code,
        this.redirectUri(request),
        this.http.plain(),
        () => this.clock.now(),
      );
      await this.connections.storeTokens(id, tokens);
    } catch (err) {
      return reply
        .status(502)
        .type('text/html')
        .send(page(`The token exchange failed: ${escapeHtml((err as Error).message)}`));
    }
    return reply.redirect(`/#/connections?authorized=${id}`, 303);
  }

  private redirectUri(request: FastifyRequest): string {
    return `${originOf(request, process.env.INTEGRATOR_PUBLIC_URL)}/api/oauth/callback`;
  }
}

// The browser lands here from the provider: a page a person can read (and a screen reader
// navigate: language, title, heading, main landmark), with the way back.
function page(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Integrator: the connection is not authorised</title></head><body><main><h1>The connection is not authorised</h1><p>${message}</p><p><a href="/#/connections">Back to connections</a></p></main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
