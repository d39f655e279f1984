import { ValidationPipe, ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { ValidationError } from '../errors/app-error';
import { FieldError } from '../errors/problem';

/** Flattens class-validator's tree into `[{field: 'lines[0].quantity', message}]`. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent ? (key.startsWith('[') ? `${parent}${key}` : `${parent}.${key}`) : key;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      result.push({
        field,
        message: constraint === 'whitelistValidation' ? `property ${field} is not allowed` : message,
      });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

/** The global pipe: unknown fields are rejected, payloads are transformed into their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationError(flattenValidationErrors(errors)),
  });
}

/**
 * For PATCH bodies: the field may be left out, but when present it is
 * validated, so an explicit `null` is refused instead of reaching the database
 * (class-validator's `@IsOptional()` lets null through).
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
