import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { percentageToPpm } from './money/decimals';

export const CALENDAR_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** "YYYY-MM-DD" naming a real day (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !new RegExp(CALENDAR_DATE_PATTERN).test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property ?? 'value'} must be a date as YYYY-MM-DD` },
    },
    options,
  );

/**
 * For nullable PATCH fields: left out or `null` (which clears the field) skip
 * validation; any other value is validated.
 */
export const Clearable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined && value !== null);

export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A number from 0 to 100 with at most four decimal places (kept exactly as parts per million). */
export const IsPercentage = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPercentage',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && percentageToPpm(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a number from 0 to 100 with at most 4 decimal places`,
      },
    },
    options,
  );
