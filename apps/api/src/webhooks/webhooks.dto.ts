import { PartialType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class CreateWebhookDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsInt()
  scenarioId?: number | null;

  /** "web" (default): an HTTP address; "mail": an email address (the Custom mailhook trigger). */
  @IsOptional()
  @IsIn(['web', 'mail'])
  kind?: 'web' | 'mail';

  /** Fields every request must carry (basic validation); nested fields with dots. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  requiredFields?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxQueue?: number;

  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  maxBodyBytes?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(300)
  responseTimeoutSeconds?: number;

  /** A body field (dots reach into objects) whose value deduplicates requests like an Idempotency-Key header. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idempotencyField?: string | null;

  /** How long (hours) a repeat of a key gets the first acknowledgement instead of a second run. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  idempotencyWindowHours?: number;
}

/** Every field optional; what is left out keeps its value. */
export class UpdateWebhookDto extends PartialType(
  OmitType(CreateWebhookDto, ['scenarioId', 'kind'] as const),
) {}
