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

@ApiTags('data stores')
@Controller('api/datastores')
export class DataStoresController {
  constructor(private readonly stores: DataStoresService) {}

  @Get()
  list() {
    return this.stores.list();
  }

  @Post()
  create(@Body() body: CreateDataStoreDto) {
    return this.stores.create(body);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.stores.get(id);
  }

  @Put(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateDataStoreDto) {
    return this.stores.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number) {
    return this.stores.remove(id);
  }

  @Get(':id/records')
  records(@Param('id', ParseIntPipe) id: number, @Query() q: RecordsQueryDto) {
    return this.stores.records(id, q.skip ?? 0, q.take ?? 100);
  }

  @Post(':id/records')
  add(@Param('id', ParseIntPipe) id: number, @Body() body: RecordDto) {
    return this.stores.putRecord(id, undefined, body, true);
  }

  @Put(':id/records/:key')
  put(@Param('id', ParseIntPipe) id: number, @Param('key') key: string, @Body() body: RecordDto) {
    return this.stores.putRecord(id, key, body, false);
  }

  @Delete(':id/records/:key')
  @HttpCode(204)
  removeRecord(@Param('id', ParseIntPipe) id: number, @Param('key') key: string) {
    return this.stores.deleteRecord(id, key);
  }

  @Delete(':id/records')
  removeAll(@Param('id', ParseIntPipe) id: number) {
    return this.stores.deleteAll(id);
  }
}
