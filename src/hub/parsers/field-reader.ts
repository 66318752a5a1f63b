import { type Message, type MessageParam, msg } from '../../i18n/message';
import { integerOf, isBlank, numberOf, textOf, timeOf } from './values';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `$.list[3].name`; keys that are not identifiers are quoted: `$.info["x-unit"]`. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

export const REQUIRED = msg('msg.hubrow.required');

export interface FieldProblem {
  path: string;
  reason: Message;
}

export interface TimeValue {
  date?: Date;
  text?: string;
}

/**
 * Reads fields of one source object leniently (placeholders are absent values, numbers may be
 * strings) and collects a problem, with its JSON path, for every value of the wrong type, so a
 * row reports all its defects at once.
 */
export class FieldReader {
  readonly problems: FieldProblem[];

  constructor(
    readonly obj: JsonObject,
    readonly path: string = '$',
    problems: FieldProblem[] = [],
    /** `99,5` is a number (semicolon-separated CSV from Excel in the Indonesian locale). */
    readonly decimalComma = false,
  ) {
    this.problems = problems;
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  fail(key: string, reason: Message): undefined {
    this.problems.push({ path: childPath(this.path, key), reason });
    return undefined;
  }

  text(key: string, required = false): string | undefined {
    const value = this.obj[key];
    const text = textOf(value);
    if (text !== undefined) return text;
    if (!isBlank(value)) return this.fail(key, msg('msg.hubrow.notText', { value: describe(value) }));
    return required ? this.fail(key, REQUIRED) : undefined;
  }

  number(
    key: string,
    options: { required?: boolean; min?: number; integer?: boolean } = {},
  ): number | undefined {
    const value = this.obj[key];
    if (isBlank(value)) return options.required ? this.fail(key, REQUIRED) : undefined;
    const n = options.integer ? integerOf(value) : numberOf(value, this.decimalComma);
    if (n === undefined) {
      const key2 = options.integer ? 'msg.hubrow.notWhole' : 'msg.hubrow.notNumber';
      return this.fail(key, msg(key2, { value: describe(value) }));
    }
    if (options.min !== undefined && n < options.min)
      return this.fail(key, msg('msg.hubrow.atLeast', { min: options.min }));
    return n;
  }

  time(key: string, required = false): TimeValue {
    const value = this.obj[key];
    if (isBlank(value)) return required ? (this.fail(key, REQUIRED) ?? {}) : {};
    const date = timeOf(value);
    if (!date) this.fail(key, msg('msg.hubrow.notTime', { value: describe(value) }));
    return { date, text: String(value) };
  }

  object(key: string): JsonObject | undefined {
    const value = this.obj[key];
    if (value === undefined || value === null) return undefined;
    return isObject(value) ? value : this.fail(key, msg('msg.hubrow.notObject', { value: describe(value) }));
  }

  child(key: string): FieldReader | undefined {
    const value = this.object(key);
    return value
      ? new FieldReader(value, childPath(this.path, key), this.problems, this.decimalComma)
      : undefined;
  }

  array(key: string): unknown[] | undefined {
    const value = this.obj[key];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value)
      ? value
      : this.fail(key, msg('msg.hubrow.notList', { value: describe(value) }));
  }

  /** A list of texts; a YAML scalar where a list was meant counts as a list of one. */
  texts(key: string): string[] {
    const value = this.obj[key];
    if (typeof value === 'string') return isBlank(value) ? [] : [value.trim()];
    const list = this.array(key) ?? [];
    return list.map(textOf).filter((item): item is string => item !== undefined);
  }
}

/** A value as a problem names it: the value itself, or the word for a list or an object. */
export function describe(value: unknown): MessageParam {
  if (Array.isArray(value)) return msg('msg.hubrow.value.list');
  if (value === null) return 'null';
  if (typeof value === 'object') return msg('msg.hubrow.value.object');
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
