import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { FieldsException, type FieldError } from './errors.filter';

/** DTO validation: unknown fields are rejected; every failing field is named in the 400. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new FieldsException(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      path,
      message: message.startsWith('property ')
        ? 'is not allowed'
        : message.replace(new RegExp(`^${e.property} `), ''),
    }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
