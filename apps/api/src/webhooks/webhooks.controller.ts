import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CreateWebhookDto, UpdateWebhookDto } from './webhooks.dto';
import { WebhooksService } from './webhooks.service';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';

/** The address callers see: the configured public URL, or the one this request came in on. */
export function originOf(request: FastifyRequest, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

@ApiTags('webhooks')
@Controller('api/hooks')
export class WebhooksController {
  constructor(private readonly hooks: WebhooksService) {}

  @Get()
  @TeamRole('monitoring')
  list(@Req() request: FastifyRequest, @CurrentTeam() team: TeamContext) {
    return this.hooks.list(originOf(request, process.env.INTEGRATOR_PUBLIC_URL), team.id);
  }

  @Post()
  @TeamRole('member')
  create(@Body() body: CreateWebhookDto, @Req() request: FastifyRequest, @CurrentTeam() team: TeamContext) {
    return this.hooks.create(body, originOf(request, process.env.INTEGRATOR_PUBLIC_URL), team.id);
  }

  @Get(':id')
  @TeamRole('monitoring', 'webhook')
  get(@Param('id', ParseIntPipe) id: number, @Req() request: FastifyRequest) {
    return this.hooks.get(id, originOf(request, process.env.INTEGRATOR_PUBLIC_URL));
  }

  @Put(':id')
  @TeamRole('member', 'webhook')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateWebhookDto,
    @Req() request: FastifyRequest,
  ) {
    return this.hooks.update(id, body, originOf(request, process.env.INTEGRATOR_PUBLIC_URL));
  }

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('member', 'webhook')
  remove(@Param('id', ParseIntPipe) id: number) {
    return this.hooks.remove(id);
  }

  /** "Redetermine data structure": the next request to the hook becomes its sample, not a run. */
  @Post(':id/listen')
  @HttpCode(200)
  @TeamRole('member', 'webhook')
  listen(@Param('id', ParseIntPipe) id: number, @Req() request: FastifyRequest) {
    return this.hooks.listen(id, true, originOf(request, process.env.INTEGRATOR_PUBLIC_URL));
  }

  /** Stops waiting for a request; the sample determined before is kept. */
  @Delete(':id/listen')
  @TeamRole('member', 'webhook')
  stopListening(@Param('id', ParseIntPipe) id: number, @Req() request: FastifyRequest) {
    return this.hooks.listen(id, false, originOf(request, process.env.INTEGRATOR_PUBLIC_URL));
  }

  @Get(':id/queue')
  @TeamRole('monitoring', 'webhook')
  queue(@Param('id', ParseIntPipe) id: number) {
    return this.hooks.queue(id);
  }
}
