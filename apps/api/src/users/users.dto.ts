import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { TEAM_ROLES, type TeamRoleName } from '@integrator/persistence';
import { IsTimeZone } from '../common/validators';

export class CreateUserDto {
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MaxLength(200)
  name: string;

  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  @MaxLength(200)
  password: string;

  /** Organisation role: superuser (the Owner), admin (all teams, users, settings) or user (a Member). */
  @IsIn(['superuser', 'admin', 'user'])
  role: 'superuser' | 'admin' | 'user';

  /**
   * The team the new user joins, with the role there. Left out: the default team as a member
   * (what every user could do before teams existed).
   */
  @IsOptional()
  @IsInt()
  teamId?: number;

  @IsOptional()
  @IsIn(TEAM_ROLES)
  teamRole?: TeamRoleName;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  @MaxLength(200)
  password?: string;

  @IsOptional()
  @IsIn(['superuser', 'admin', 'user'])
  role?: 'superuser' | 'admin' | 'user';

  /** An IANA zone, or null to follow the organisation's zone again. */
  @IsOptional()
  @IsTimeZone()
  timezone?: string | null;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class GroupDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  userIds?: number[];
}

export class UpdateGroupDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  userIds?: number[];
}
