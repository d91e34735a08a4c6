// Django-REST-Framework conventions the fake ProfitWell answers with (reference §1, §8):
// field errors `{"<field>": ["…"]}`, business rules `{"non_field_errors": ["…"]}`, `{"detail": "…"}`.

export interface Reply {
  status: number;
  /** undefined = no body at all; a string is sent as text; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const NOT_FOUND: Reply = { status: 404, body: { detail: 'Not found.' } };

export const json = (body: unknown, status = 200): Reply => ({ status, body });

/** Collects DRF field errors; `reply()` is undefined when the input was valid. */
export class FieldErrors {
  private readonly errors: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  get valid(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  reply(): Reply | undefined {
    return this.valid ? undefined : { status: 400, body: { ...this.errors } };
  }

  /** A CharField: required unless told otherwise, numbers are turned into text like DRF does. */
  text(
    data: Record<string, unknown>,
    field: string,
    opts: { required?: boolean; maxLength?: number } = {},
  ): string | undefined {
    const v = data[field];
    if (v === undefined) {
      if (opts.required !== false) this.add(field, 'This field is required.');
      return undefined;
    }
    if (v === null) return this.fail(field, 'This field may not be null.', opts.required === false);
    if (typeof v !== 'string' && typeof v !== 'number') return this.fail(field, 'Not a valid string.');
    const s = String(v);
    if (s.trim() === '') return this.fail(field, 'This field may not be blank.', opts.required === false);
    if (opts.maxLength !== undefined && s.length > opts.maxLength) {
      return this.fail(field, `Ensure this field has no more than ${opts.maxLength} characters.`);
    }
    return s;
  }

  /** An IntegerField: integers or integer text ("12", "12.0"), nothing fractional. */
  integer(
    data: Record<string, unknown>,
    field: string,
    opts: { required?: boolean; min?: number } = {},
  ): number | undefined {
    const v = data[field];
    if (v === undefined || v === null || v === '') {
      if (opts.required !== false) this.add(field, 'This field is required.');
      return undefined;
    }
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.0*)?\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return this.fail(field, 'A valid integer is required.');
    if (opts.min !== undefined && n < opts.min)
      return this.fail(field, `Ensure this value is greater than or equal to ${opts.min}.`);
    return n;
  }

  /** A ChoiceField; ProfitWell's case sensitivity is unknown, so the fake can be told either way. */
  choice<T extends string>(
    data: Record<string, unknown>,
    field: string,
    choices: readonly T[],
    opts: { required?: boolean; caseInsensitive?: boolean } = {},
  ): T | undefined {
    const v = data[field];
    if (v === undefined || v === null) {
      if (opts.required !== false) this.add(field, 'This field is required.');
      return undefined;
    }
    const text = String(v);
    const hit = choices.find(
      (c) => c === text || (opts.caseInsensitive === true && c === text.toLowerCase()),
    );
    return hit ?? this.fail(field, `"${text}" is not a valid choice.`);
  }

  private fail(field: string, message: string, silent = false): undefined {
    if (!silent) this.add(field, message);
    return undefined;
  }
}

export const nonFieldError = (status: number, message: string): Reply => ({
  status,
  body: { non_field_errors: [message] },
});
