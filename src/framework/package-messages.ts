import type { core } from 'zod';
import { Message, msg, render } from '../i18n/message';
import { CHECK_TYPES } from './criteria.schema';

/**
 * The words of a package or framework problem: a catalogue message (shown in the reader's language
 * by the API, the page and the command line) and its English text (for logs and error messages).
 */
export function say(
  key: string,
  params?: Record<string, string | number>,
): { message: string; problem: Message } {
  const problem = msg(key, params);
  return { message: render('en', problem), problem };
}

/** The schema's own sentences for a value of the wrong form, each with its catalogue message. */
const FORMATS: Readonly<Record<string, string | Message>> = {
  'expected a decimal string with at most 2 places, e.g. "1.30"': 'msg.package.format.decimal',
  'expected an upper-case code such as "D1"': 'msg.package.format.code',
  'expected a snake_case evidence kind': 'msg.package.format.kind',
  'expected a single capital letter': 'msg.package.format.edition',
  'expected a lower-case source key such as "seed-004"': 'msg.package.format.source',
  'expected a lower-case id such as "spbe-2020"': 'msg.package.format.id',
  'expected a lower-case id such as "pemdi-2026"': 'msg.package.format.id',
  'expected a version such as "2026.1"': 'msg.package.format.version',
  'expected an indicator code such as "I16"': 'msg.package.format.indicator',
  'expected an upper-case gap code suffix such as "NO_DOC"': 'msg.package.format.gap',
  'expected an upper-case gap code suffix such as "NO_INTEGRATION"': 'msg.package.format.gap',
  'each evidence item needs at least one kind set': 'msg.package.format.item_kinds',
  'name at least one kind set': 'msg.package.format.kinds',
  'each level needs at least one check': 'msg.package.format.checks',
  'each level needs at least one unit check': 'msg.package.format.unit_checks',
  [`unknown check type; expected one of ${CHECK_TYPES.join(', ')}`]: msg('msg.package.format.check', {
    types: CHECK_TYPES.join(', '),
  }),
};

/** A schema issue in the catalogue's words; its JSON path is kept beside it by the caller. */
export function zodProblem(issue: core.$ZodIssue): Message {
  const known = FORMATS[issue.message];
  if (known) return typeof known === 'string' ? msg(known) : known;
  if (issue.code === 'invalid_type') return msg('msg.package.zod.type', { expected: String(issue.expected) });
  if (issue.code === 'too_small')
    return msg(issue.origin === 'array' ? 'msg.package.zod.few' : 'msg.package.zod.small', {
      limit: String(issue.minimum),
    });
  if (issue.code === 'too_big')
    return msg(issue.origin === 'array' ? 'msg.package.zod.many' : 'msg.package.zod.big', {
      limit: String(issue.maximum),
    });
  if (issue.code === 'invalid_value')
    return msg('msg.package.zod.values', { values: issue.values.map((v) => JSON.stringify(v)).join(', ') });
  if (issue.code === 'unrecognized_keys') return msg('msg.package.zod.keys', { keys: issue.keys.join(', ') });
  return msg('msg.package.zod.invalid');
}
