import { registerDecorator, type ValidationOptions } from 'class-validator';

export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !value) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone such as Europe/Amsterdam. */
export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an IANA time zone such as Europe/Amsterdam', ...options },
      validator: { validate: isTimeZone },
    });
}

/** Any JSON object (not an array, not null). */
export function IsPlainObject(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlainObject',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a JSON object', ...options },
      validator: { validate: (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) },
    });
}

/** A JSON object, or its JSON text (a file's content as uploaded, byte-order mark allowed). */
export function IsObjectOrJsonText(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isObjectOrJsonText',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a JSON object or its JSON text', ...options },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' || (v !== null && typeof v === 'object' && !Array.isArray(v)),
      },
    });
}
