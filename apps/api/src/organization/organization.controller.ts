import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsTimeZone } from '../common/validators';
import { OrganizationService } from './organization.service';
import { Authenticated, OrgRole } from '../teams/access-rules';

export class IntegrationsDto {
  @IsOptional()
  @IsBoolean()
  customConnector?: boolean;
}

export class UpdateOrganizationDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => IntegrationsDto)
  integrations?: IntegrationsDto;

  @IsOptional()
  @IsBoolean()
  privateNetworkGuard?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  executionRetentionDays?: number;

  /** Runs kept per scenario, the newest; 0 keeps them all (the age and size limits still apply). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  executionRetentionCount?: number;

  /** Bytes of stored history kept in all, the newest first; 0 = no limit. At least 1 MiB otherwise. */
  @IsOptional()
  @IsInt()
  @ValidateIf((_, v) => v !== 0)
  @Min(1_048_576)
  @Max(Number.MAX_SAFE_INTEGER)
  executionRetentionBytes?: number;
}

@ApiTags('organization')
@Controller('api/organization')
export class OrganizationController {
  constructor(private readonly organization: OrganizationService) {}

  @Get()
  @Authenticated()
  get() {
    return this.organization.get();
  }

  @OrgRole('admin')
  @Put()
  update(@Body() body: UpdateOrganizationDto) {
    return this.organization.update(body as never);
  }
}
