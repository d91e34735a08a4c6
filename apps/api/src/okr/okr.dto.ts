import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CONTROL_TYPES, KEY_RESULT_TYPES, PROGRESS_METHODS } from '@integrator/apps/okr';
import { IsPlainObject } from '../common/validators';

// Bodies of the OKR routes. Shapes are checked here; how the measurable fields fit together
// (limits per type, target vs start, frequency) is checked by checkKeyResult in libs/apps/okr.
// On updates, null clears an optional field.

const finite = { allowNaN: false, allowInfinity: false };

export class CreateObjectiveDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  /** Default: the caller. */
  @IsOptional()
  @IsInt()
  ownerId?: number;

  /** "YYYY-MM-DD". */
  @IsString()
  periodStart: string;

  @IsString()
  periodEnd: string;
}

export class UpdateObjectiveDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @IsOptional()
  @IsInt()
  ownerId?: number;

  @IsOptional()
  @IsString()
  periodStart?: string;

  @IsOptional()
  @IsString()
  periodEnd?: string;
}

/** The fields a key result's create and update share. */
class KeyResultFieldsDto {
  @IsOptional()
  @IsInt()
  ownerId?: number;

  @IsOptional()
  @IsString()
  periodStart?: string;

  @IsOptional()
  @IsString()
  periodEnd?: string;

  @IsOptional()
  @IsIn(CONTROL_TYPES)
  controlType?: string | null;

  @IsOptional()
  @IsIn(PROGRESS_METHODS)
  progressMethod?: string | null;

  /** { type: 'daily' } | { type: 'weekly' | 'biweekly', weekday: 0–6 } | { type: 'monthly', day: 1–31 }. */
  @IsOptional()
  @IsPlainObject()
  checkInFrequency?: Record<string, unknown>;

  @IsOptional()
  @IsNumber(finite)
  startValue?: number | null;

  @IsOptional()
  @IsNumber(finite)
  targetValue?: number | null;

  @IsOptional()
  @IsNumber(finite)
  lowerLimit?: number | null;

  @IsOptional()
  @IsNumber(finite)
  upperLimit?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  unit?: string;

  /** The custom connector feeding the daily automated check-in; null unlinks it. */
  @IsOptional()
  @IsInt()
  connectorId?: number | null;

  /** Automated check-ins are confirmed directly (default: they wait for review). */
  @IsOptional()
  @IsBoolean()
  autoConfirm?: boolean;

  /** "Set as start value": read the connector's current value now and start from it. */
  @IsOptional()
  @IsBoolean()
  setStartFromConnector?: boolean;
}

export class CreateKeyResultDto extends KeyResultFieldsDto {
  @IsInt()
  objectiveId: number;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @IsIn(KEY_RESULT_TYPES)
  type: string;
}

export class UpdateKeyResultDto extends KeyResultFieldsDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @IsOptional()
  @IsIn(KEY_RESULT_TYPES)
  type?: string;
}

export class KeyResultsQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  objectiveId?: number;
}

export class CheckInDto {
  @IsNumber(finite)
  value: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  /** When the value was measured (epoch ms); default now, never in the future. */
  @IsOptional()
  @IsInt()
  @Min(0)
  takenAt?: number;

  /** The owner confirms it at once (skips review); others may only submit for review. */
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;
}
