import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@dure/common';

/** `YYYY-MM-DD` naming a day that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () => 'must be a real date as YYYY-MM-DD',
      },
    },
    options,
  );
}

/** An integer number of won within JavaScript's safe range. */
export function IsWon(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWon',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value),
        defaultMessage: () => 'must be an integer number of won',
      },
    },
    options,
  );
}

/** Redis GEO (the live map) refuses latitudes beyond ±85.05112878°, as does any web map. */
export const MAX_GEO_LATITUDE = 85.05112878;

/** A latitude a map can hold. */
export function IsGeoLatitude(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGeoLatitude',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_GEO_LATITUDE,
        defaultMessage: () => `must be a latitude between -${MAX_GEO_LATITUDE} and ${MAX_GEO_LATITUDE}`,
      },
    },
    options,
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * An instant as RFC 3339 with an offset (`2026-11-22T09:30:00+09:00`). Stricter than
 * ISO 8601 on purpose: week and ordinal dates, or times without a zone, are ambiguous.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && RFC3339.test(value) && Number.isFinite(Date.parse(value)),
        defaultMessage: () => 'must be a date-time with an offset, such as 2026-11-22T09:30:00+09:00',
      },
    },
    options,
  );
}
