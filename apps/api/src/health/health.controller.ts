import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/current-user';
import { RedisRelay } from '../executions/redis-relay';

@ApiTags('health')
@Controller('api')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisRelay,
  ) {}

  /** Liveness: the process answers. */
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the database (and Redis in distributed mode) answers. */
  @Public()
  @Get('ready')
  async ready() {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('the database is not reachable');
    }
    if (!(await this.redis.ping())) throw new ServiceUnavailableException('Redis is not reachable');
    return { status: 'ready', database: 'ok', redis: 'ok' };
  }
}
