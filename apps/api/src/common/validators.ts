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
