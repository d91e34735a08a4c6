import { PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsObjectOrJsonText, IsPlainObject } from '../common/validators';

export class CreateScenarioDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  folder?: string;

  @IsOptional()
  @IsPlainObject()
  blueprint?: Record<string, unknown>;

  /** null or absent: on demand. */
  @IsOptional()
  @IsPlainObject()
  schedule?: Record<string, unknown> | null;

  @IsOptional()
  @IsPlainObject()
  inputSchema?: Record<string, unknown> | null;
}

/** Every field optional; what is left out keeps its value. */
export class UpdateScenarioDto extends PartialType(CreateScenarioDto) {}

export class ImportScenarioDto {
  /** The exported file: its JSON object, or its text as read from disk (a byte-order mark is fine). */
  @IsObjectOrJsonText()
  blueprint: Record<string, unknown> | string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  folder?: string;
}

export class RunScenarioDto {
  /** The run's input: what an instant trigger emits, and $input in expressions. */
  @IsOptional()
  input?: unknown;

  /** The editor's unsaved blueprint: run it instead of the saved version, without saving it. */
  @IsOptional()
  @IsPlainObject()
  blueprint?: Record<string, unknown>;
}
