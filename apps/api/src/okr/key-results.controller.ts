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

@ApiTags('okr')
@Controller('api/key-results')
export class KeyResultsController {
  constructor(
    private readonly keyResults: KeyResultsService,
    private readonly checkIns: CheckInsService,
    private readonly automated: AutomatedCheckInsService,
  ) {}

  @Get()
  list(@Query() q: KeyResultsQueryDto) {
    return this.keyResults.list(q.objectiveId);
  }

  @Post()
  create(@Body() body: CreateKeyResultDto, @CurrentUser() user: AuthUser) {
    return this.keyResults.create(body, user);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.keyResults.get(id);
  }

  @Put(':id')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateKeyResultDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.keyResults.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.keyResults.remove(id, user);
  }

  /** The history of check-ins, newest first. */
  @Get(':id/check-ins')
  history(@Param('id', ParseIntPipe) id: number) {
    return this.checkIns.history(id);
  }

  @Post(':id/check-ins')
  checkIn(@Param('id', ParseIntPipe) id: number, @Body() body: CheckInDto, @CurrentUser() user: AuthUser) {
    return this.checkIns.manual(id, body, user);
  }

  @Post(':id/automated-check-in')
  automatedCheckIn(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.automated.runNow(id, user);
  }
}
