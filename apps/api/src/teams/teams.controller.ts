import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { FieldsException } from '../common/errors.filter';
import { Authenticated, CurrentTeam, OrgRole, TeamRole, type TeamContext } from './access-rules';
import { AuditLog } from './audit.service';
import { isOrgAdmin, TeamAccess } from './team-access.service';
import { AuditQueryDto, MemberDto, MoveDto, TeamDto } from './teams.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@Controller('api')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly access: TeamAccess,
    private readonly audit: AuditLog,
  ) {}

  /** The teams the caller can switch to, with their role in each (Owners and Admins: all, as admin). */
  @Get('teams')
  @Authenticated()
  mine(@CurrentUser() user: AuthUser) {
    return this.access.teamsOf(user);
  }

  @Post('teams')
  @OrgRole('admin')
  create(@Body() body: TeamDto, @CurrentUser() user: AuthUser) {
    return this.teams.create(body.name, user);
  }

  @Put('teams/:id')
  @TeamRole('admin', 'team')
  rename(@Param('id', ParseIntPipe) id: number, @Body() body: TeamDto, @CurrentUser() user: AuthUser) {
    return this.teams.rename(id, body.name, user);
  }

  @Delete('teams/:id')
  @OrgRole('admin')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.teams.remove(id, user);
  }

  @Get('teams/:id/members')
  @TeamRole('monitoring', 'team')
  members(@Param('id', ParseIntPipe) id: number) {
    return this.teams.listMembers(id);
  }

  @Put('teams/:id/members/:userId')
  @TeamRole('admin', 'team')
  setMember(
    @Param('id', ParseIntPipe) id: number,
    @Param('userId', ParseIntPipe) userId: number,
    @Body() body: MemberDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.teams.setMember(id, userId, body.role, user);
  }

  @Delete('teams/:id/members/:userId')
  @TeamRole('admin', 'team')
  @HttpCode(204)
  removeMember(
    @Param('id', ParseIntPipe) id: number,
    @Param('userId', ParseIntPipe) userId: number,
    @CurrentUser() user: AuthUser,
  ) {
    return this.teams.removeMember(id, userId, user);
  }

  /** Which teams may use a connection besides its own; only its team's admins see and change it. */
  @Get('connections/:id/shares')
  @TeamRole('admin', 'connection')
  shares(@Param('id', ParseIntPipe) id: number) {
    return this.teams.shares(id);
  }

  @Put('connections/:id/shares/:teamId')
  @TeamRole('admin', 'connection')
  share(
    @Param('id', ParseIntPipe) id: number,
    @Param('teamId', ParseIntPipe) teamId: number,
    @CurrentUser() user: AuthUser,
  ) {
    return this.teams.share(id, teamId, user);
  }

  @Delete('connections/:id/shares/:teamId')
  @TeamRole('admin', 'connection')
  @HttpCode(204)
  unshare(
    @Param('id', ParseIntPipe) id: number,
    @Param('teamId', ParseIntPipe) teamId: number,
    @CurrentUser() user: AuthUser,
  ) {
    return this.teams.unshare(id, teamId, user);
  }

  /**
   * Moves a connection to another team (admin of both). Scenarios of the old team that use it
   * fail from their next run on (each run re-checks), unless it is shared back with them.
   */
  @Put('connections/:id/team')
  @TeamRole('admin', 'connection')
  async moveConnection(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: MoveDto,
    @CurrentUser() user: AuthUser,
  ) {
    if ((await this.access.roleIn(user, body.teamId)) !== 'admin')
      throw new NotFoundException(
        `team ${body.teamId} not found (you must be its admin to move things into it)`,
      );
    return this.teams.moveConnection(id, body.teamId, user);
  }

  /** The audit log, newest first: everything for Owners and Admins, a team's own for its admins. */
  @Get('audit')
  @TeamRole('admin')
  async auditLog(@Query() q: AuditQueryDto, @CurrentUser() user: AuthUser, @CurrentTeam() team: TeamContext) {
    const from = q.from === undefined ? undefined : Date.parse(q.from);
    const to = q.to === undefined ? undefined : Date.parse(q.to);
    if (from !== undefined && to !== undefined && to <= from)
      throw new FieldsException([{ path: 'to', message: 'must be later than from' }]);
    // Organisation admins read everything (filter with ?team=); a team admin their team's events.
    const teamIds = isOrgAdmin(user) ? undefined : [team.id];
    return this.audit.list(
      {
        teamId: q.team,
        action: q.action,
        actorId: q.actorId,
        from,
        to,
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 50,
      },
      teamIds,
    );
  }
}
