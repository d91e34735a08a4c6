import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { ObjectivesService } from './objectives.service';
import { CreateObjectiveDto, UpdateObjectiveDto } from './okr.dto';

@ApiTags('okr')
@Controller('api/objectives')
export class ObjectivesController {
  constructor(private readonly objectives: ObjectivesService) {}

  @Get()
  list() {
    return this.objectives.list();
  }

  @Post()
  create(@Body() body: CreateObjectiveDto, @CurrentUser() user: AuthUser) {
    return this.objectives.create(body, user);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.objectives.get(id);
  }

  @Put(':id')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateObjectiveDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.objectives.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.objectives.remove(id, user);
  }
}
