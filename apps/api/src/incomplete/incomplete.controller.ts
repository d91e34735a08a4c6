import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional } from 'class-validator';
import type { AuthUser } from '../auth/current-user';
import { CurrentUser } from '../auth/current-user';
import { IncompleteService } from './incomplete.service';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';

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

/** The stored state a retry starts from, edited before retrying (Make: "edit the bundle"). */
export class EditIncompleteDto {
  /** The outputs of the modules before the failed one, by module id: what its fields map from. */
  @IsOptional()
  @IsObject()
  outputs?: Record<string, unknown>;

  /** Execution-lifetime variables at the time of the failure. */
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

@ApiTags('incomplete executions')
@Controller('api/incomplete-executions')
export class IncompleteController {
  constructor(private readonly incomplete: IncompleteService) {}

  @Get()
  @TeamRole('monitoring')
  list(@Query() q: IncompleteQueryDto, @CurrentTeam() team: TeamContext) {
    return this.incomplete.list(q, team.id);
  }

  @Get(':id')
  @TeamRole('monitoring', 'incomplete')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.incomplete.get(id);
  }

  @Patch(':id')
  @TeamRole('member', 'incomplete')
  edit(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: EditIncompleteDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.incomplete.edit(id, body, user);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @TeamRole('operator', 'incomplete')
  async retryOne(@Param('id', ParseIntPipe) id: number) {
    return (await this.incomplete.retry([id]))[0];
  }

  @Post('retry')
  @HttpCode(202)
  @TeamRole('operator')
  async retry(@Body() body: IdsDto, @CurrentTeam() team: TeamContext) {
    return this.incomplete.retry(await this.incomplete.ofTeam(body.ids, team.id));
  }

  @Post(':id/resolve')
  @HttpCode(204)
  @TeamRole('operator', 'incomplete')
  resolveOne(@Param('id', ParseIntPipe) id: number) {
    return this.incomplete.resolve([id]);
  }

  @Post('resolve')
  @HttpCode(204)
  @TeamRole('operator')
  async resolve(@Body() body: IdsDto, @CurrentTeam() team: TeamContext) {
    return this.incomplete.resolve(await this.incomplete.ofTeam(body.ids, team.id));
  }

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('member', 'incomplete')
  removeOne(@Param('id', ParseIntPipe) id: number) {
    return this.incomplete.remove([id]);
  }

  @Post('delete')
  @HttpCode(204)
  @TeamRole('member')
  async remove(@Body() body: IdsDto, @CurrentTeam() team: TeamContext) {
    return this.incomplete.remove(await this.incomplete.ofTeam(body.ids, team.id));
  }
}
