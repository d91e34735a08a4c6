import { PagedTimeRangeQueryDto } from '../common/query.dto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { TEAM_ROLES, type TeamRoleName } from '@integrator/persistence';

export class TeamDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class MemberDto {
  @IsIn(TEAM_ROLES)
  role: TeamRoleName;
}

export class MoveDto {
  @IsInt()
  @Min(1)
  teamId: number;
}

export class AuditQueryDto extends PagedTimeRangeQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  team?: number;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  actorId?: number;
}
