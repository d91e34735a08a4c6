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
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { CreateUserDto, GroupDto, UpdateGroupDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';
import { OrgRole } from '../teams/access-rules';

/** Only an Owner makes someone an Owner (an Admin cannot raise anyone, themselves included, above Admin). */
function assertMayGrant(me: AuthUser, role: string): void {
  if (role === 'superuser' && me.role !== 'superuser')
    throw new ForbiddenException('role: only an owner may make someone an owner');
}

@ApiTags('users')
@OrgRole('admin')
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  list() {
    return this.users.list();
  }

  @Post('users')
  create(@Body() body: CreateUserDto, @CurrentUser() me: AuthUser) {
    assertMayGrant(me, body.role);
    return this.users.create(body, me);
  }

  @Put('users/:id')
  async update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateUserDto,
    @CurrentUser() me: AuthUser,
  ) {
    if (body.role !== undefined) assertMayGrant(me, body.role);
    await this.assertMayChange(me, id);
    return this.users.update(id, body, me);
  }

  @Delete('users/:id')
  @HttpCode(204)
  async remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() me: AuthUser) {
    await this.assertMayChange(me, id);
    return this.users.remove(id, me);
  }

  /** An Admin manages Members and Admins; only an Owner changes an Owner. */
  private async assertMayChange(me: AuthUser, id: number): Promise<void> {
    if (me.role !== 'superuser' && (await this.users.roleOf(id)) === 'superuser')
      throw new ForbiddenException('only an owner may change or remove an owner');
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
