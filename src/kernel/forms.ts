import { BadRequestException, ConflictException, ForbiddenException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/** Page forms: validated like the API, and their errors turned into a message the page shows. */

/** Validates a page form the way the global pipe validates the API, so the page can show the message. */
export async function parseForm<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  const plain = { ...(body as Record<string, unknown>) };
  delete plain._csrf;
  const dto = plainToInstance(cls, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new BadRequestException(messages.join('; '));
  }
  return dto;
}

/** Form errors to show on the page; anything else is not a form problem. */
export function formError(error: unknown): { status: number; message: string } {
  if (
    error instanceof BadRequestException ||
    error instanceof ConflictException ||
    error instanceof ForbiddenException
  ) {
    const body = error.getResponse() as { message?: string | string[] } | string;
    const message = typeof body === 'string' ? body : (body.message ?? error.message);
    return { status: error.getStatus(), message: Array.isArray(message) ? message.join('; ') : message };
  }
  throw error;
}
