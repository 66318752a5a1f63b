import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** How form and query fields of the agency-data features become values (DTO transforms and checks). */

export const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Array.isArray(value) ? value : [value];
export const toBool = ({ value }: { value: unknown }) =>
  value === ''
    ? undefined
    : value === 'true' || value === 'on' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;
/** An empty form field means "not given". */
export const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export function isDateOnly(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A calendar date written strictly as YYYY-MM-DD. */
export function IsDateOnly(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (value) => isDateOnly(value),
        defaultMessage: () => 'msg.validation.date',
      },
    },
    options,
  );
}

/** Trimmed text; empty means null. */
export const optionalText = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value,
);
