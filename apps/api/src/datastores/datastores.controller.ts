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
import { CreateDataStoreDto, RecordDto, RecordsQueryDto, UpdateDataStoreDto } from './datastores.dto';
import { DataStoresService } from './datastores.service';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';

@ApiTags('data stores')
@Controller('api/datastores')
export class DataStoresController {
  constructor(private readonly stores: DataStoresService) {}

  @Get()
  @TeamRole('monitoring')
  list(@CurrentTeam() team: TeamContext) {
    return this.stores.list(team.id);
  }

  @Post()
  @TeamRole('member')
  create(@Body() body: CreateDataStoreDto, @CurrentTeam() team: TeamContext) {
    return this.stores.create(body, team.id);
  }

  @Get(':id')
  @TeamRole('monitoring', 'datastore')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.stores.get(id);
  }

  @Put(':id')
  @TeamRole('member', 'datastore')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateDataStoreDto) {
    return this.stores.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('member', 'datastore')
  remove(@Param('id', ParseIntPipe) id: number) {
    return this.stores.remove(id);
  }

  @Get(':id/records')
  @TeamRole('monitoring', 'datastore')
  records(@Param('id', ParseIntPipe) id: number, @Query() q: RecordsQueryDto) {
    return this.stores.records(id, q.skip ?? 0, q.take ?? 100);
  }

  @Post(':id/records')
  @TeamRole('member', 'datastore')
  add(@Param('id', ParseIntPipe) id: number, @Body() body: RecordDto) {
    return this.stores.putRecord(id, undefined, body, true);
  }

  @Put(':id/records/:key')
  @TeamRole('member', 'datastore')
  put(@Param('id', ParseIntPipe) id: number, @Param('key') key: string, @Body() body: RecordDto) {
    return this.stores.putRecord(id, key, body, false);
  }

  @Delete(':id/records/:key')
  @HttpCode(204)
  @TeamRole('member', 'datastore')
  removeRecord(@Param('id', ParseIntPipe) id: number, @Param('key') key: string) {
    return this.stores.deleteRecord(id, key);
  }

  @Delete(':id/records')
  @TeamRole('member', 'datastore')
  removeAll(@Param('id', ParseIntPipe) id: number) {
    return this.stores.deleteAll(id);
  }
}
