// Make's `ignore` keyword: a mapped field whose value is ignore is left out, as if it were
// not mapped; an aggregated bundle whose mapped fields are all ignore is not aggregated.
// One frozen object, recognised by identity, so no real value can be mistaken for it.

export const IGNORE: Readonly<{ __makeIgnore: true }> = Object.freeze({ __makeIgnore: true });

export const isIgnore = (v: unknown): boolean => v === IGNORE;
