import { BadRequestException, ConflictException, ForbiddenException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DEFAULT_LANG, Lang } from '../i18n/i18n';
import { render } from '../i18n/message';
import { refusalOf } from '../i18n/refusal';
import { ValidationRefusal, validationRefusal } from '../i18n/validation-refusal';

/** Page forms: validated like the API, and their errors turned into a message the page shows. */

/** Validates a page form the way the global pipe validates the API, so the page can show the message. */
export async function parseForm<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  const plain = { ...(body as Record<string, unknown>) };
  delete plain._csrf;
  const dto = plainToInstance(cls, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationRefusal(errors);
  return dto;
}

/** Form errors to show on the page, in `lang`; anything else is not a form problem. */
export function formError(error: unknown, lang: Lang = DEFAULT_LANG): { status: number; message: string } {
  if (
    error instanceof BadRequestException ||
    error instanceof ConflictException ||
    error instanceof ForbiddenException
  ) {
    if (error instanceof ValidationRefusal) {
      return { status: 400, message: error.problems.map((p) => render(lang, p.message)).join('; ') };
    }
    const refusal = refusalOf(error);
    if (refusal) return { status: error.getStatus(), message: render(lang, refusal) };
    const body = error.getResponse() as { message?: string | string[] } | string;
    const message = typeof body === 'string' ? body : (body.message ?? error.message);
    return { status: error.getStatus(), message: Array.isArray(message) ? message.join('; ') : message };
  }
  throw error;
}
