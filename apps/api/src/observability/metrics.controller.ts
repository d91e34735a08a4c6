import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/current-user';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

/**
 * /metrics on the public port only with INTEGRATOR_METRICS_TOKEN (as a bearer token): run
 * counts and queue depths tell an outsider how the server is used. Without a token Prometheus
 * scrapes the metrics port (INTEGRATOR_METRICS_PORT, loopback by default) instead.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Req() request: FastifyRequest) {
    const expected = this.config.metricsToken;
    if (!expected)
      throw new NotFoundException(
        'metrics are served on the metrics port (INTEGRATOR_METRICS_PORT, loopback by default), or here with INTEGRATOR_METRICS_TOKEN',
      );
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, expected))
      throw new UnauthorizedException('metrics need the metrics bearer token');
    return this.metrics.registry.metrics();
  }
}

// Compared as hashes so neither the length nor the content leaks through timing.
function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}
