import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional } from 'class-validator';
import { IncompleteService } from './incomplete.service';

export class IncompleteQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  scenarioId?: number;

  @IsOptional()
  @IsIn(['unresolved', 'pending', 'in_progress', 'resolved'])
  status?: 'unresolved' | 'pending' | 'in_progress' | 'resolved';
}

export class IdsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  ids: number[];
}

@ApiTags('incomplete executions')
@Controller('api/incomplete-executions')
export class IncompleteController {
  constructor(private readonly incomplete: IncompleteService) {}

  @Get()
  list(@Query() q: IncompleteQueryDto) {
    return this.incomplete.list(q);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.incomplete.get(id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  async retryOne(@Param('id', ParseIntPipe) id: number) {
    return (await this.incomplete.retry([id]))[0];
  }

  @Post('retry')
  @HttpCode(202)
  retry(@Body() body: IdsDto) {
    return this.incomplete.retry(body.ids);
  }

  @Post(':id/resolve')
  @HttpCode(204)
  resolveOne(@Param('id', ParseIntPipe) id: number) {
    return this.incomplete.resolve([id]);
  }

  @Post('resolve')
  @HttpCode(204)
  resolve(@Body() body: IdsDto) {
    return this.incomplete.resolve(body.ids);
  }

  @Delete(':id')
  @HttpCode(204)
  removeOne(@Param('id', ParseIntPipe) id: number) {
    return this.incomplete.remove([id]);
  }

  @Post('delete')
  @HttpCode(204)
  remove(@Body() body: IdsDto) {
    return this.incomplete.remove(body.ids);
  }
}
