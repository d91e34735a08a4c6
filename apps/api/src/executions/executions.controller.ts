import {
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  HttpCode,
} from '@nestjs/common';
import { ApiTags, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto, TimeRangeQueryDto } from '../common/query.dto';
import { FieldsException } from '../common/errors.filter';
import type { FastifyReply } from 'fastify';
import type { RunEvent } from '@integrator/engine';
import { RunEventBus } from './events';
import { ExecutionsService } from './executions.service';
import { ExecutionRunner } from './runner.service';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';

/** The history's filters: a scenario, a status, a time range. */
export class ExecutionFiltersDto extends TimeRangeQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  scenarioId?: number;

  @IsOptional()
  @IsIn(['queued', 'running', 'success', 'warning', 'error'])
  status?: 'queued' | 'running' | 'success' | 'warning' | 'error';
}

export class ExecutionQueryDto extends IntersectionType(ExecutionFiltersDto, PageQueryDto) {}

/** The history page's filters (the same as the list's) plus how many days the chart spans. */
export class StatsQueryDto extends ExecutionFiltersDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

@ApiTags('executions')
@Controller('api/executions')
export class ExecutionsController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly bus: RunEventBus,
    private readonly runner: ExecutionRunner,
  ) {}

  @Get()
  @TeamRole('monitoring')
  list(@Query() q: ExecutionQueryDto, @CurrentTeam() team: TeamContext) {
    const { from, to } = range(q);
    return this.executions.list({
      teamId: team.id,
      scenarioId: q.scenarioId,
      status: q.status,
      from,
      to,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 50,
    });
  }

  @Get('stats')
  @TeamRole('monitoring')
  stats(@Query() q: StatsQueryDto, @CurrentTeam() team: TeamContext) {
    const { from, to } = range(q);
    return this.executions.stats({
      teamId: team.id,
      scenarioId: q.scenarioId,
      status: q.status,
      from,
      to,
      days: q.days ?? 30,
    });
  }

  @Get(':id')
  @TeamRole('monitoring', 'execution')
  detail(@Param('id', ParseUUIDPipe) id: string) {
    return this.executions.detail(id);
  }

  @Post(':id/stop')
  @TeamRole('operator', 'execution')
  @HttpCode(202)
  stop(@Param('id', ParseUUIDPipe) id: string) {
    if (!this.runner.stop(id)) throw new NotFoundException('the execution is not running in this process');
    return { stopping: true };
  }

  /** The live run as Server-Sent Events; a finished execution sends its final event at once. */
  @Get(':id/events')
  @TeamRole('monitoring', 'execution')
  async events(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    const execution = await this.executions.detail(id);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: RunEvent) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (execution.status !== 'queued' && execution.status !== 'running') {
      send({
        type: 'execution.finished',
        executionId: id,
        status: execution.status,
        operations: execution.operations,
        durationMs: execution.durationMs,
      });
      raw.end();
      return;
    }
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
    const off = this.bus.subscribe(id, (event) => {
      send(event);
      if (event.type === 'execution.finished') close();
    });
    function close() {
      clearInterval(heartbeat);
      queueMicrotask(() => off());
      raw.end();
    }
    raw.on('close', () => {
      clearInterval(heartbeat);
      off();
    });
  }
}

/** An ISO 8601 query value as ms since epoch; forms Date cannot read (week dates…) are a 400. */
function range(q: { from?: string; to?: string }): { from?: number; to?: number } {
  const from = instant('from', q.from);
  const to = instant('to', q.to);
  if (from !== undefined && to !== undefined && to <= from)
    throw new FieldsException([{ path: 'to', message: 'must be later than from' }]);
  return { from, to };
}

function instant(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new FieldsException([
      { path: field, message: 'must be a calendar date or date-time (YYYY-MM-DD…)' },
    ]);
  return ms;
}
