import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class CreateAppConnectorDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  description: string;

  @IsInt()
  @Min(1)
  groupId: number;

  /** New connectors are blocked unless this says otherwise (AFAS's "Blocked" box). */
  @IsOptional()
  @IsBoolean()
  blocked?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  scenarioIds?: number[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  dataStoreIds?: number[];

  /** `{ allow: [...] }`, `{ deny: [...] }` or null; checked by readIpRules (entries named in the 400). */
  @IsOptional()
  ipRules?: unknown;
}

/** Every field optional; what is left out keeps its value. */
export class UpdateAppConnectorDto extends PartialType(CreateAppConnectorDto) {}

export class OtpRequestDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  key: string;

  /** The user's e-mail address or numeric id. */
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  user: string;
}

export class OtpValidationDto extends OtpRequestDto {
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  code: string;
}

export class AppRunDto {
  /** The run's input, checked against the scenario's input schema. */
  @IsOptional()
  input?: unknown;
}

export class AppRunQueryDto {
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'])
  async?: string;
}

export class PagingQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  skip?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  take?: number;
}

export class OutboxQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  take?: number;
}
