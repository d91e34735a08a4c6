import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { AutomatedCheckInsService } from './automated-check-ins.service';
import { CheckInsService } from './check-ins.service';
import { KeyResultsService } from './key-results.service';
import { CheckInDto, CreateKeyResultDto, KeyResultsQueryDto, UpdateKeyResultDto } from './okr.dto';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';

@ApiTags('okr')
@Controller('api/key-results')
export class KeyResultsController {
  constructor(
    private readonly keyResults: KeyResultsService,
    private readonly checkIns: CheckInsService,
    private readonly automated: AutomatedCheckInsService,
  ) {}

  @Get()
  @TeamRole('monitoring')
  list(@Query() q: KeyResultsQueryDto, @CurrentTeam() team: TeamContext) {
    return this.keyResults.list(team.id, q.objectiveId);
  }

  @Post()
  @TeamRole('member')
  create(@Body() body: CreateKeyResultDto, @CurrentUser() user: AuthUser, @CurrentTeam() team: TeamContext) {
    return this.keyResults.create(body, user, team.id);
  }

  @Get(':id')
  @TeamRole('monitoring', 'keyResult')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.keyResults.get(id);
  }

  @Put(':id')
  @TeamRole('member', 'keyResult')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateKeyResultDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.keyResults.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('member', 'keyResult')
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.keyResults.remove(id, user);
  }

  /** The history of check-ins, newest first. */
  @Get(':id/check-ins')
  @TeamRole('monitoring', 'keyResult')
  history(@Param('id', ParseIntPipe) id: number) {
    return this.checkIns.history(id);
  }

  @Post(':id/check-ins')
  @TeamRole('member', 'keyResult')
  checkIn(@Param('id', ParseIntPipe) id: number, @Body() body: CheckInDto, @CurrentUser() user: AuthUser) {
    return this.checkIns.manual(id, body, user);
  }

  @Post(':id/automated-check-in')
  @TeamRole('member', 'keyResult')
  automatedCheckIn(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.automated.runNow(id, user);
  }
}
