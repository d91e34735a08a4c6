import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
  ValidateNested,
} from 'class-validator';
import { IsPlainObject } from '../common/validators';

export class DataStructureFieldDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;

  @IsIn(['text', 'number', 'boolean', 'date', 'array', 'collection', 'any'])
  type: 'text' | 'number' | 'boolean' | 'date' | 'array' | 'collection' | 'any';

  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @IsOptional()
  default?: unknown;
}

export class CreateDataStoreDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DataStructureFieldDto)
  fields?: DataStructureFieldDto[];

  @IsOptional()
  @IsBoolean()
  strict?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  maxSizeBytes?: number;
}

/** Every field optional; what is left out keeps its value. */
export class UpdateDataStoreDto extends PartialType(CreateDataStoreDto) {}

export class RecordDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  key?: string;

  @IsPlainObject()
  data: Record<string, unknown>;
}

export class RecordsQueryDto {
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
