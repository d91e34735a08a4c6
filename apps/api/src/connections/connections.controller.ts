import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { HttpClients } from '../executions/http-clients';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';
import { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { ConnectionsService } from './connections.service';

@ApiTags('connections')
@Controller('api/connections')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly http: HttpClients,
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
  create(@Body() body: CreateConnectionDto, @CurrentUser() user: AuthUser, @CurrentTeam() team: TeamContext) {
    return this.connections.create(body, user, team.id);
  }

  @Put(':id')
  @TeamRole('member', 'connection')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateConnectionDto) {
    return this.connections.update(id, body);
  }

  @Delete(':id')
  @TeamRole('member', 'connection')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number) {
    return this.connections.remove(id);
  }

  @Post(':id/verify')
  @TeamRole('member', 'connection')
  @HttpCode(200)
  async verify(@Param('id', ParseIntPipe) id: number) {
    await this.http.refresh();
    return this.connections.verify(id);
  }
}
