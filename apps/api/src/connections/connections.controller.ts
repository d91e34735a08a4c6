import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { HttpClients } from '../executions/http-clients';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';
import { AuditLog } from '../teams/audit.service';
import { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { ConnectionsService } from './connections.service';

@ApiTags('connections')
@Controller('api/connections')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly http: HttpClients,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @TeamRole('monitoring')
  list(@CurrentTeam() team: TeamContext) {
    return this.connections.list(team.id);
  }

  @Get(':id')
  @TeamRole('monitoring', 'connection')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.connections.get(id);
  }

  @Post()
  @TeamRole('member')
  async create(
    @Body() body: CreateConnectionDto,
    @CurrentUser() user: AuthUser,
    @CurrentTeam() team: TeamContext,
  ) {
    const created = await this.connections.create(body, user, team.id);
    await this.audit.record({
      action: 'connection.created',
      actor: user,
      teamId: team.id,
      targetType: 'connection',
      targetId: created.id,
      details: { name: created.name, type: created.type },
    });
    return created;
  }

  @Put(':id')
  @TeamRole('member', 'connection')
  async update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateConnectionDto,
    @CurrentUser() user: AuthUser,
    @CurrentTeam() team: TeamContext,
  ) {
    const updated = await this.connections.update(id, body);
    // Which credential fields changed, never their values.
    const fields = Object.keys(body.credentials ?? {});
    await this.audit.record({
      action: 'connection.changed',
      actor: user,
      teamId: team.id,
      targetType: 'connection',
      targetId: id,
      details: { name: updated.name, credentialFields: fields },
    });
    return updated;
  }

  @Delete(':id')
  @TeamRole('member', 'connection')
  @HttpCode(204)
  async remove(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: AuthUser,
    @CurrentTeam() team: TeamContext,
  ) {
    await this.connections.remove(id);
    await this.audit.record({
      action: 'connection.removed',
      actor: user,
      teamId: team.id,
      targetType: 'connection',
      targetId: id,
    });
  }

  @Post(':id/verify')
  @TeamRole('member', 'connection')
  @HttpCode(200)
  async verify(@Param('id', ParseIntPipe) id: number) {
    await this.http.refresh();
    return this.connections.verify(id);
  }
}
