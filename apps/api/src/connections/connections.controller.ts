import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { HttpClients } from '../executions/http-clients';
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
  list(@CurrentUser() user: AuthUser) {
    return this.connections.list(user);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.connections.get(id, user);
  }

  @Post()
  create(@Body() body: CreateConnectionDto, @CurrentUser() user: AuthUser) {
    return this.connections.create(body, user);
  }

  @Put(':id')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateConnectionDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.connections.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.connections.remove(id, user);
  }

  @Post(':id/verify')
  @HttpCode(200)
  async verify(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.http.refresh();
    return this.connections.verify(id, user);
  }
}
