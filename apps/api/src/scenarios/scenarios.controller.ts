import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { originOf } from '../webhooks/webhooks.controller';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { ExecutionsService } from '../executions/executions.service';
import { SchedulerService } from '../scheduler/scheduler.service';
import { isOnDemand } from '../scheduler/time-schedule';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';
import { roleAtLeast } from '../teams/team-access.service';
import { TeamReferences } from '../teams/team-references';
import { AuditLog } from '../teams/audit.service';
import { CreateScenarioDto, ImportScenarioDto, RunScenarioDto, UpdateScenarioDto } from './scenarios.dto';
import { ScenarioImportService } from './scenario-import.service';
import { ScenariosService } from './scenarios.service';

export class ListScenariosDto {
  @IsOptional()
  @IsString()
  @MaxLength(300)
  folder?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  search?: string;
}

export class RunQueryDto {
  @IsOptional()
  @IsString()
  async?: string;
}

export class PreviewQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  count?: number;
}

@ApiTags('scenarios')
@Controller('api/scenarios')
export class ScenariosController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly executions: ExecutionsService,
    private readonly importer: ScenarioImportService,
    private readonly references: TeamReferences,
    private readonly audit: AuditLog,
    private readonly scheduler: SchedulerService,
  ) {}

  @Get()
  @TeamRole('monitoring')
  list(@Query() q: ListScenariosDto, @CurrentTeam() team: TeamContext) {
    return this.scenarios.list(q, team.id);
  }

  @Post()
  @TeamRole('member')
  create(@Body() body: CreateScenarioDto, @CurrentUser() user: AuthUser, @CurrentTeam() team: TeamContext) {
    return this.scenarios.create(body, user, team.id);
  }

  @Post('import')
  @TeamRole('member')
  import(@Body() body: ImportScenarioDto, @CurrentUser() user: AuthUser, @CurrentTeam() team: TeamContext) {
    return this.importer.import(body, user, team.id);
  }

  @Get(':id')
  @TeamRole('monitoring', 'scenario')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.scenarios.get(id);
  }

  @Put(':id')
  @TeamRole('member', 'scenario')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateScenarioDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.scenarios.update(id, body, user);
  }

  @Delete(':id')
  @TeamRole('member', 'scenario')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number) {
    return this.scenarios.remove(id);
  }

  @Post(':id/activate')
  @TeamRole('operator', 'scenario')
  @HttpCode(200)
  async activate(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: AuthUser,
    @CurrentTeam() team: TeamContext,
    @Req() request: FastifyRequest,
  ) {
    // An instant trigger registers its hook's public URL at the service (Telegram's setWebhook).
    const view = await this.scenarios.activate(id, originOf(request, process.env.INTEGRATOR_PUBLIC_URL));
    await this.audit.record({
      action: 'scenario.activated',
      actor: user,
      teamId: team.id,
      targetType: 'scenario',
      targetId: id,
    });
    return view;
  }

  @Post(':id/deactivate')
  @TeamRole('operator', 'scenario')
  @HttpCode(200)
  async deactivate(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: AuthUser,
    @CurrentTeam() team: TeamContext,
  ) {
    const view = await this.scenarios.deactivateById(id);
    await this.audit.record({
      action: 'scenario.deactivated',
      actor: user,
      teamId: team.id,
      targetType: 'scenario',
      targetId: id,
    });
    return view;
  }

  @Get(':id/versions')
  @TeamRole('monitoring', 'scenario')
  versions(@Param('id', ParseIntPipe) id: number) {
    return this.scenarios.versions(id);
  }

  @Post(':id/versions/:version/restore')
  @TeamRole('member', 'scenario')
  @HttpCode(200)
  restore(
    @Param('id', ParseIntPipe) id: number,
    @Param('version', ParseIntPipe) version: number,
    @CurrentUser() user: AuthUser,
  ) {
    return this.scenarios.restore(id, version, user);
  }

  @Get(':id/blueprint')
  @TeamRole('monitoring', 'scenario')
  async export(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) reply: FastifyReply) {
    const blueprint = await this.scenarios.export(id);
    const file = `${String(blueprint.name).replace(/[^\w.-]+/g, '_') || 'scenario'}.blueprint.json`;
    void reply.header('content-disposition', `attachment; filename="${file}"`);
    return blueprint;
  }

  @Get(':id/schedule/preview')
  @TeamRole('monitoring', 'scenario')
  async preview(@Param('id', ParseIntPipe) id: number, @Query() q: PreviewQueryDto) {
    return { nextRuns: await this.scenarios.nextRunTimes(id, q.count ?? 5) };
  }

  /**
   * Run once (the editor's button): also for inactive scenarios, always one cycle. With a
   * `blueprint` it runs the editor's unsaved draft, as Make and n8n do, and the saved version
   * (which the schedule and webhooks use) stays as it is. An instant trigger "On demand" keeps
   * its requests in the hook's queue (as in Make): without an `input` the run takes the oldest
   * of them, as a scheduled run would; with one it runs that and the queue stays as it is.
   */
  @Post(':id/run')
  @TeamRole('operator', 'scenario')
  async run(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RunScenarioDto,
    @Query() q: RunQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentTeam() team: TeamContext,
  ) {
    const scenario = await this.scenarios.find(id);
    // Running an edited draft is editing: operators run the saved version only.
    if (body.blueprint && !roleAtLeast(team.role, 'member'))
      throw new ForbiddenException('blueprint: only a team member or admin may run an unsaved draft');
    const draft = body.blueprint && this.scenarios.checkedDraft(body.blueprint);
    if (draft) await this.references.assertAllowed(draft, scenario.teamId);
    const run = { scenarioId: id, version: scenario.version, trigger: 'manual', input: body.input, draft };
    const fromQueue =
      body.input === undefined && isOnDemand(scenario.schedule)
        ? await this.scheduler.startFromQueue(scenario, run)
        : null;
    if (q.async === 'true' || q.async === '1') {
      void reply.status(202);
      return { executionId: fromQueue ?? (await this.executions.start(run)) };
    }
    return fromQueue ? this.executions.waitFor(fromQueue) : this.executions.startAndWait(run);
  }
}
