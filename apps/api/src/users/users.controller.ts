import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, SuperUserOnly, type AuthUser } from '../auth/current-user';
import { CreateUserDto, GroupDto, UpdateGroupDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@SuperUserOnly()
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  list() {
    return this.users.list();
  }

  @Post('users')
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Put('users/:id')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateUserDto) {
    return this.users.update(id, body);
  }

  @Delete('users/:id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() me: AuthUser) {
    return this.users.remove(id, me.id);
  }

  @Get('groups')
  groups() {
    return this.users.listGroups();
  }

  @Post('groups')
  createGroup(@Body() body: GroupDto) {
    return this.users.createGroup(body);
  }

  @Put('groups/:id')
  updateGroup(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateGroupDto) {
    return this.users.updateGroup(id, body);
  }

  @Delete('groups/:id')
  @HttpCode(204)
  removeGroup(@Param('id', ParseIntPipe) id: number) {
    return this.users.removeGroup(id);
  }
}
