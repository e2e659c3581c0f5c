import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Postgres returns `bigint` as a string. Won amounts stay far below 2^53, but a value that
 * is not a safe integer is a bug worth stopping on rather than a silently rounded number.
 */
export function wonFromDb(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Won value ${String(value)} is not a safe integer`);
  }
  return n;
}

export const wonTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : wonFromDb(value)),
};

/** A won amount: `bigint` in Postgres, a safe integer number in TypeScript. */
export function MoneyColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ ...options, type: 'bigint', transformer: wonTransformer });
}
