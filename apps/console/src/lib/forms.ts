import type { FieldError } from '../api/client';

/**
 * The API's field errors keyed by form field: `details[].field` may name a nested path
 * (`pickup.lat`, `results.0.recordId`); a form shows each beside its field, and what
 * matches no field in a summary.
 */
export function fieldErrors(details: FieldError[], fields: readonly string[]): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const d of details) {
    const field = fields.find((f) => d.field === f || d.field.startsWith(`${f}.`));
    if (field) byField[field] = byField[field] ? `${byField[field]}; ${d.reason}` : d.reason;
    else other.push(`${d.field}: ${d.reason}`);
  }
  return { byField, other };
}

/** Empty strings become undefined, so optional fields are left out of the request body. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}
