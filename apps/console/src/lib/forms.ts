import i18next from 'i18next';
import { ApiError, type FieldError } from '../api/client';
import { localizeReason, type TextLang } from './api-text';

/** The language the console shows (English until i18n starts, e.g. in unit tests). */
export function currentLang(): TextLang {
  return i18next.language === 'ko' ? 'ko' : 'en';
}

/**
 * The API's field errors keyed by form field: `details[].field` may name a nested path
 * (`pickup.lat`, `results.0.recordId`); a form shows each beside its field, and what
 * matches no field in a summary.
 */
export function fieldErrors(details: FieldError[], fields: readonly string[], lang: TextLang = currentLang()): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const d of details) {
    const field = fields.find((f) => d.field === f || d.field.startsWith(`${f}.`));
    const reason = localizeReason(d.reason, lang);
    if (field) byField[field] = byField[field] ? `${byField[field]}; ${reason}` : reason;
    else other.push(`${d.field}: ${reason}`);
  }
  return { byField, other };
}

/** What a form shows of a failed mutation. */
export interface FormErrors {
  /** The API's field errors, each beside its field. */
  byField: Record<string, string>;
  /** Field errors that match no field of the form (`field: reason`). */
  other: string[];
  /** The error for the form's summary, or null when there is none or the fields show all of it. */
  summary: unknown;
}

/**
 * A failed mutation's errors for a form with these fields: the API's field errors beside
 * their fields, and the error itself for the summary when some (or all) of it belongs to no
 * field, or when it is not the API's.
 */
export function formErrors(error: unknown, fields: readonly string[]): FormErrors {
  if (!error) return { byField: {}, other: [], summary: null };
  if (!(error instanceof ApiError)) return { byField: {}, other: [], summary: error };
  const { byField, other } = fieldErrors(error.details, fields);
  return { byField, other, summary: other.length > 0 || Object.keys(byField).length === 0 ? error : null };
}

/** Empty strings become undefined, so optional fields are left out of the request body. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}
