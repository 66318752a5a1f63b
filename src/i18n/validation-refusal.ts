import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { DEFAULT_LANG, hasMessage } from './i18n';
import { Message, msg, render } from './message';

export interface FieldProblem {
  field: string;
  message: Message;
}

/** Words for class-validator's own checks, used when a DTO gives no message of its own. */
const GENERIC: Readonly<Record<string, string>> = {
  whitelistValidation: 'msg.validation.unknown_field',
  isNotEmpty: 'msg.validation.required',
  isDefined: 'msg.validation.required',
  isString: 'msg.validation.text',
  isInt: 'msg.validation.whole_number',
  isNumber: 'msg.validation.number',
  isBoolean: 'msg.validation.boolean',
  isUuid: 'msg.validation.id',
  isArray: 'msg.validation.list',
  isIn: 'msg.validation.choice',
  isEnum: 'msg.validation.choice',
  maxLength: 'msg.validation.too_long',
  minLength: 'msg.validation.too_short',
  isLength: 'msg.validation.length',
  min: 'msg.validation.too_small',
  max: 'msg.validation.too_large',
  isDateString: 'msg.validation.date',
  isIso8601: 'msg.validation.date',
  arrayMaxSize: 'msg.validation.list_too_long',
  arrayMinSize: 'msg.validation.list_too_short',
  arrayUnique: 'msg.validation.list_unique',
  isEmail: 'msg.validation.email',
};

/**
 * The global validation pipe's refusal: every broken rule of the body as a catalogue message
 * (the DTO's key, or a generic sentence naming the field); the filter renders them in the
 * caller's language, each under `details` with its field.
 */
export class ValidationRefusal extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super({ message: problems.map((p) => render(DEFAULT_LANG, p.message)).join('; ') });
  }
}

export function validationRefusal(errors: ValidationError[]): ValidationRefusal {
  return new ValidationRefusal(errors.flatMap((e) => problemsOf(e, '')));
}

function problemsOf(error: ValidationError, parent: string): FieldProblem[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.entries(error.constraints ?? {}).map(([constraint, text]) => ({
    field,
    message: messageFor(constraint, text, field),
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => problemsOf(child, field))];
}

function messageFor(constraint: string, text: string, field: string): Message {
  if (hasMessage(text)) return msg(text, { field });
  const generic = GENERIC[constraint];
  // A DTO's own sentence (not yet a key) stays as written rather than lose its detail.
  if (generic && isDefaultText(text, field))
    return msg(generic, { field, limit: /\d+/.exec(text)?.[0] ?? '' });
  return msg('msg.validation.as_written', { text });
}

/** class-validator's default messages start with the property name ("name must be a string"). */
function isDefaultText(text: string, field: string): boolean {
  const property = field.split('.').pop() ?? field;
  return (
    text.startsWith(`${property} `) ||
    text.startsWith(`property ${property} `) ||
    text.startsWith('each value in ')
  );
}
