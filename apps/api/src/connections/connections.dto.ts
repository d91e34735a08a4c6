import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsPlainObject } from '../common/validators';

export class CreateConnectionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  type: string;

  @IsPlainObject()
  credentials: Record<string, unknown>;
}

export class UpdateConnectionDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** Secret fields left out keep their stored value. */
  @IsOptional()
  @IsPlainObject()
  credentials?: Record<string, unknown>;
}
