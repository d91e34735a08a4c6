import { PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsPlainObject } from '../common/validators';
import { METHODS } from './connector-definition';

// Bodies of the custom connector routes. Params and headers are { name: value } objects;
// auth is { type, ...fields } (checked against the authorization type in connector-auth.ts).

/** An unsaved request: the request builder's Send before saving. */
export class SendRequestDto {
  @IsOptional()
  @IsIn(METHODS)
  method?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  url: string;

  @IsOptional()
  @IsPlainObject()
  params?: Record<string, unknown>;

  @IsOptional()
  @IsPlainObject()
  headers?: Record<string, unknown>;

  /** The request body as text; a JSON object or array is accepted too and kept as its JSON text. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value !== null && typeof value === 'object' ? JSON.stringify(value) : value,
  )
  @IsString({ message: 'must be a string (the body text) or a JSON object or array' })
  @MaxLength(100_000)
  body?: string | null;

  /** { type: 'none' | 'apiKey' | 'bearer' | 'basic' | 'oauth2ClientCredentials', ...fields }. */
  @IsOptional()
  @IsPlainObject()
  auth?: Record<string, unknown>;

  /** The field directory, e.g. data.metrics[0].value. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  fieldPath?: string;
}

export class CreateCustomConnectorDto extends SendRequestDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

/** Everything optional; auth secrets left out keep their stored value while the type is unchanged. */
/** Every field optional; what is left out keeps its value. */
export class UpdateCustomConnectorDto extends PartialType(CreateCustomConnectorDto) {}

/** Send a saved connector, optionally previewing another field directory than the saved one. */
export class SendSavedDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  fieldPath?: string;
}
