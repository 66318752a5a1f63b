import { ValidateIf, ValidationOptions } from 'class-validator';

/**
 * A field that may be left out of a change but has no empty value: unlike `@IsOptional()`, which
 * skips validation for `null` too, `null` here goes on to the field's validators and is refused
 * with a 400 naming the field, instead of reaching the service as "no value" and failing there.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
