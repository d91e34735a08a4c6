import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { ObjectivesService } from './objectives.service';
import { CreateObjectiveDto, UpdateObjectiveDto } from './okr.dto';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';

@ApiTags('okr')
@Controller('api/objectives')
export class ObjectivesController {
  constructor(private readonly objectives: ObjectivesService) {}

  @Get()
  @TeamRole('monitoring')
  list(@CurrentTeam() team: TeamContext) {
    return this.objectives.list(team.id);
  }

  @Post()
  @TeamRole('member')
  create(@Body() body: CreateObjectiveDto, @CurrentUser() user: AuthUser, @CurrentTeam() team: TeamContext) {
    return this.objectives.create(body, user, team.id);
  }

  @Get(':id')
  @TeamRole('monitoring', 'objective')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.objectives.get(id);
  }

  @Put(':id')
  @TeamRole('member', 'objective')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateObjectiveDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.objectives.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('member', 'objective')
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.objectives.remove(id, user);
  }
}
