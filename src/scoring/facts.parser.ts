import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { toJsonPath } from '../framework/json-path';
import { FactsError } from './facts.error';
import { checkFactReferences } from './facts.references';
import factsSchema from './facts.schema.json';
import type { Facts } from './facts.types';

let validator: ValidateFunction | undefined;

/** Compiled once, on first use: compiling is the expensive part of ajv. */
function getValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: false, allowUnionTypes: true, strict: true });
    addFormats(ajv, ['date']);
    validator = ajv.compile(factsSchema);
  }
  return validator;
}

/**
 * Validates parsed JSON as facts: the structure against facts.schema.json, then the cross
 * references in code. Throws a FactsError naming the JSON path of the first problem.
 */
export function parseFacts(json: unknown): Facts {
  const validate = getValidator();
  if (!validate(json)) throw toFactsError(validate.errors ?? []);
  const facts = json as Facts;
  checkFactReferences(facts);
  return facts;
}

/**
 * With allErrors off ajv stops at the first problem, except inside `anyOf`, where it reports
 * every branch. The deepest error is the most precise one; on a tie the `anyOf` summary wins.
 */
function toFactsError(errors: readonly ErrorObject[]): FactsError {
  if (errors.length === 0) return new FactsError('$', 'is not valid facts');
  const depth = (error: ErrorObject): number => pointerSegments(error.instancePath).length;
  const deepest = Math.max(...errors.map(depth));
  const candidates = errors.filter((error) => depth(error) === deepest);
  const chosen = candidates.find((error) => error.keyword === 'anyOf') ?? candidates[0];
  return describeError(chosen);
}

function describeError(error: ErrorObject): FactsError {
  const segments = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return new FactsError(toJsonPath([...segments, String(params.missingProperty)]), 'is required');
  }
  return new FactsError(toJsonPath(segments), messageFor(error.keyword, params, error.message));
}

function messageFor(keyword: string, params: Record<string, unknown>, fallback: string | undefined): string {
  switch (keyword) {
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return 'must be a real calendar date written YYYY-MM-DD';
    case 'type':
      return `must be of type ${String(params.type).replace(',', ' or ')}`;
    case 'anyOf':
      return 'must be "all" or a list of unit ids';
    case 'exclusiveMinimum':
      return `must be greater than ${String(params.limit)}`;
    case 'minLength':
      return 'must not be empty';
    default:
      return fallback ?? `is invalid (${keyword})`;
  }
}

/** JSON Pointer to path segments; all-digit segments are array indices in this schema. */
function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
