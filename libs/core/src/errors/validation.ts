import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppException, type FieldIssue } from './app.exception.js';

/**
 * The global pipe: unknown properties are refused (not silently dropped), types are converted
 * from query strings, and every problem is reported with its full path (`variants[0].price`).
 */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => AppException.validation(toFieldIssues(errors)),
  });
}

/** Far deeper than any input the API takes (`settings.categories.x.categoryId` is 4 levels). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses input nested deeper than MAX_INPUT_DEPTH before class-transformer walks it: it recurses
 * once per level, and a 20 KB body of `[[[[…` overflowed the stack into a 500. Refuses a NUL
 * character in any string (query, path, body, form field; values and keys): PostgreSQL cannot
 * store one in text or jsonb, and it answered 500 on 13 routes (issue #28).
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = tooDeep(value, MAX_INPUT_DEPTH);
    if (field !== undefined) throw AppException.validation([{ field: field || metadata.type, key: 'validation.tooDeep', params: { max: MAX_INPUT_DEPTH } }]);
    const withNul = nulAt(value);
    if (withNul !== undefined) throw AppException.validation([{ field: withNul || metadata.data || metadata.type, key: 'validation.noNul' }]);
    return super.transform(value, metadata);
  }
}

/** The path (`variants[0].name`, '' for the value itself) of the first string or key holding a NUL character, or undefined. */
function nulAt(value: unknown): string | undefined {
  const stack: Array<{ node: unknown; path: string }> = [{ node: value, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node === 'string' && node.includes('\u0000')) return path;
    if (node === null || typeof node !== 'object' || Buffer.isBuffer(node)) continue;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      const childPath = joinPath(path, key);
      if (key.includes('\u0000')) return childPath;
      stack.push({ node: child, path: childPath });
    }
  }
  return undefined;
}

/** The top-level field under which `value` goes deeper than `max` ('' for the value itself), or undefined. Iterative: the check must not overflow either. */
function tooDeep(value: unknown, max: number): string | undefined {
  const stack: Array<{ node: unknown; depth: number; field: string }> = [{ node: value, depth: 0, field: '' }];
  while (stack.length > 0) {
    const { node, depth, field } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return field;
    for (const [key, child] of Object.entries(node as Record<string, unknown>))
      stack.push({ node: child, depth: depth + 1, field: depth === 0 && !Array.isArray(node) ? key : field });
  }
  return undefined;
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
      return {
        values: Object.values(args[0] as object)
          .filter((v) => typeof v === 'string')
          .join(', '),
      };
    default:
      return {};
  }
}
