import { HttpException } from '@nestjs/common';
import { DEFAULT_LANG, Lang } from './i18n';
import { Message, MessageParams, isMessage, msg, render } from './message';

/** The body a refusal carries until the exception filter renders it in the caller's language. */
export interface RefusalBody {
  /** Stable for machine clients: the catalogue key of the message. */
  code: string;
  message: string;
  refusal: Message;
  details?: unknown;
}

type HttpExceptionClass<E extends HttpException> = new (body: RefusalBody) => E;

/**
 * An HTTP exception of the given Nest class (so `instanceof BadRequestException` still holds)
 * whose message is a catalogue key with values: `throw refuse(ConflictException, 'msg.x', { year })`.
 * Its `message` is the Indonesian text; the filter answers in the request's language.
 */
export function refuse<E extends HttpException>(
  Kind: HttpExceptionClass<E>,
  key: string,
  params?: MessageParams,
  details?: unknown,
): E {
  const refusal = msg(key, params);
  const body: RefusalBody = { code: key, message: render(DEFAULT_LANG, refusal), refusal };
  if (details !== undefined) body.details = details;
  return new Kind(body);
}

/** The catalogue message an exception carries, if it was made by `refuse`. */
export function refusalOf(error: unknown): Message | undefined {
  if (!(error instanceof HttpException)) return undefined;
  const response = error.getResponse() as { refusal?: unknown };
  return typeof response === 'object' && isMessage(response.refusal) ? response.refusal : undefined;
}

/** What a page shows for a refused request: the refusal in `lang`, else the exception's text. */
export function errorText(error: unknown, lang: Lang): string {
  const refusal = refusalOf(error);
  if (refusal) return render(lang, refusal);
  return error instanceof Error ? error.message : String(error);
}
