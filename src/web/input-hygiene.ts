import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { withoutFormControls } from './page-form';
import { Message, msg } from '../i18n/message';
import { refuse } from '../i18n/refusal';

/**
 * Input every route refuses alike, before validation and long before the database: text with a
 * NUL or a lone surrogate (PostgreSQL refuses the first, jsonb the second), a query parameter
 * given twice, numbers that are no integer of a sane size, JSON nested deeper than anything the
 * API takes. Each is a 400 naming the field.
 */
export const MAX_JSON_DEPTH = 32;

// eslint-disable-next-line no-control-regex -- NUL is what this refuses
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Path and query numbers checked by name: a year is four digits, a page a small integer. */
const YEAR = { pattern: /^\d{4}$/, key: 'msg.input.year' };
const PAGE = { pattern: /^\d{1,6}$/, key: 'msg.input.page' };
const NUMBERS: Record<string, { pattern: RegExp; key: string }> = {
  year: YEAR,
  fromYear: YEAR,
  page: PAGE,
  pageSize: PAGE,
  indicator: { pattern: /^\d{1,2}$/, key: 'msg.input.indicator' },
};

export function hasBadText(value: string): boolean {
  return BAD_TEXT.test(value);
}

/** The first problem of a parsed value (walked without recursion), or undefined. */
export function inputProblem(value: unknown, name: string): Message | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: name, depth: 0 }];
  while (stack.length) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item.value === 'string') {
      if (hasBadText(item.value)) return msg('msg.input.bad_text', { field: item.path });
      continue;
    }
    if (!item.value || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_JSON_DEPTH) return msg('msg.input.too_deep', { field: item.path });
    for (const [key, child] of Object.entries(item.value)) {
      if (hasBadText(key)) return msg('msg.input.bad_name', { field: item.path });
      stack.push({ value: child, path: key, depth: item.depth + 1 });
    }
  }
  return undefined;
}

function numberProblem(name: string, value: unknown): Message | undefined {
  const rule = NUMBERS[name];
  if (!rule || value === undefined || value === '') return undefined;
  return typeof value === 'string' && rule.pattern.test(value) ? undefined : msg(rule.key, { field: name });
}

/** Runs first among the global pipes, on bodies (multipart ones too), queries and path values. */
@Injectable()
export class InputHygienePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    // Whole bodies and queries lose `_csrf` and `lang` here, before any DTO sees them.
    if (!metadata.data && (metadata.type === 'body' || metadata.type === 'query'))
      value = withoutFormControls(value);
    const problem =
      metadata.type === 'body' ? inputProblem(value, metadata.data ?? 'body') : this.single(value, metadata);
    if (problem) throw refuse(BadRequestException, problem.key, problem.params);
    return value;
  }

  /** Query and path values: one value per name, and numbers that are numbers. */
  private single(value: unknown, metadata: ArgumentMetadata): Message | undefined {
    const entries: [string, unknown][] = metadata.data
      ? [[metadata.data, value]]
      : Object.entries((value as Record<string, unknown> | undefined) ?? {});
    for (const [name, given] of entries) {
      if (Array.isArray(given) || (given && typeof given === 'object'))
        return msg('msg.input.once', { field: name });
      const problem =
        (typeof given === 'string' && hasBadText(given)
          ? msg('msg.input.bad_text', { field: name })
          : undefined) ?? numberProblem(name, given);
      if (problem) return problem;
    }
    return undefined;
  }
}

/**
 * After the JSON and form parsers: refuses bad text and deep nesting in the parsed body before
 * any guard, so the login (whose guard reads the body before any pipe) is covered too, and no
 * later step (validation, logging, change records) recurses into a 10,000-level body.
 */
export function refuseHostileBodies(req: Request, _res: Response, next: NextFunction): void {
  const problem = req.body && typeof req.body === 'object' ? inputProblem(req.body, 'body') : undefined;
  if (!problem) return next();
  next(refuse(BadRequestException, problem.key, problem.params));
}
