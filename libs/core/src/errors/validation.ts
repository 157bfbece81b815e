import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppException, type FieldIssue } from './app.exception.js';

/**
 * The global pipe: unknown properties are refused (not silently dropped), types are converted
 * from query strings, and every problem is reported with its full path (`variants[0].price`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => AppException.validation(toFieldIssues(errors)),
  });
}

export function toFieldIssues(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const own = error.constraints ? issuesFor(error, field) : [];
    return [...own, ...toFieldIssues(error.children ?? [], field)];
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function issuesFor(error: ValidationError, field: string): FieldIssue[] {
  const names = Object.keys(error.constraints!);
  if (names.includes('whitelistValidation')) return [{ field, key: 'validation.whitelistValidation' }];
  // A missing value breaks every rule on the field; one "is required" says it better.
  if (error.value === undefined || error.value === null) return [{ field, key: 'validation.required' }];
  return names.map((name) => ({ field, key: `validation.${name}`, params: constraintParams(error, name) }));
}

/** The numbers and choices behind a rule (`@Max(5)` → `{max: 5}`), read from class-validator's metadata. */
function constraintParams(error: ValidationError, name: string): Record<string, unknown> {
  const target = error.target?.constructor;
  if (!target) return {};
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === name || m.constraintCls?.name?.toLowerCase() === name.toLowerCase()));
  const args: unknown[] = meta?.constraints ?? [];
  switch (name) {
    case 'min':
    case 'minLength':
    case 'arrayMinSize':
      return { min: args[0] };
    case 'max':
    case 'maxLength':
    case 'arrayMaxSize':
      return { max: args[0] };
    case 'isLength':
      return { min: args[0], max: args[1] };
    case 'isIn':
      return { values: (args[0] as unknown[]).join(', ') };
    case 'isEnum':
      return { values: Object.values(args[0] as object).filter((v) => typeof v === 'string').join(', ') };
    default:
      return {};
  }
}
