import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { UploadRejectedError } from './upload-rejected.error';
import { Lang, translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { render } from '../i18n/message';
import { refusalOf } from '../i18n/refusal';
import { ValidationRefusal } from '../i18n/validation-refusal';

/** What the API answers: `message` in the caller's language, `code` stable for programs. */
interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  /** The HTTP reason in words (`NotFound`), kept for clients written before `code`. */
  error: string;
  requestId?: string;
}

const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|Too many connections|not currently accepting connections|Client has encountered a connection error|already released|terminating connection|database system is (shutting down|starting up|in recovery mode)/i;
/** SQLSTATEs of a database that is away: connection exceptions, shutdown, too many clients. */
const UNAVAILABLE_CODES = /^(08\d{3}|57P0[1-3]|53300|55000)$/;

/**
 * SQLSTATEs that only bad input causes: a reference to a row that does not exist, a number out
 * of range, text the database cannot store. Routes validate first; this is the net under them.
 */
const BAD_INPUT_CODES: Record<string, string> = {
  '23503': 'msg.db.missing_reference',
  '23502': 'msg.db.missing_value',
  '22003': 'msg.db.out_of_range',
  '22P02': 'msg.db.wrong_form',
  '22021': 'msg.db.bad_character',
  '22P05': 'msg.db.bad_character',
  '22007': 'msg.db.bad_date',
  '22008': 'msg.db.date_out_of_range',
};

function sqlState(exception: unknown): string | undefined {
  const code =
    (exception as { driverError?: { code?: unknown } } | null)?.driverError?.code ??
    (exception as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function databaseUnavailable(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  const code =
    (exception as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (exception as { code?: unknown }).code;
  return UNAVAILABLE.test(exception.message) || (typeof code === 'string' && UNAVAILABLE_CODES.test(code));
}

/** Renders an HTML error page for people and JSON for API clients, never a stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const lang = requestLang(res);
    const body = this.toBody(exception, req, lang);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    if (res.headersSent) return;
    if (wantsHtml(req) && body.statusCode === HttpStatus.UNAUTHORIZED) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (wantsHtml(req)) {
      const message =
        body.statusCode >= 500 || body.statusCode === 404 ? genericText(lang, body.statusCode) : body.message;
      res.status(body.statusCode).render('pages/error', {
        title: translate(lang, 'error.title'),
        statusCode: body.statusCode,
        message,
        requestId: body.requestId,
        currentPath: req.originalUrl,
      });
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request & { id?: string }, lang: Lang): ErrorBody {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    if (exception instanceof ValidationRefusal) {
      const details = exception.problems.map((p) => ({
        field: p.field,
        code: p.message.key,
        message: render(lang, p.message),
      }));
      return {
        statusCode: 400,
        code: 'validation.failed',
        error: 'BadRequest',
        message: details.map((d) => d.message).join('; '),
        details,
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const error = exception.name.replace(/Exception$/, '');
      const refusal = refusalOf(exception);
      const response = exception.getResponse() as string | { message?: unknown; details?: unknown };
      if (refusal) {
        const details = typeof response === 'object' ? response.details : undefined;
        const body: ErrorBody = {
          statusCode,
          code: refusal.key,
          error,
          message: render(lang, refusal),
          requestId,
        };
        if (details !== undefined) body.details = details;
        return body;
      }
      const raw = typeof response === 'string' ? response : (response.message ?? exception.message);
      const message = Array.isArray(raw)
        ? raw.map(String).join('; ')
        : typeof raw === 'string'
          ? raw
          : exception.message;
      // Nest's own exceptions (no route, payload too large...) say the status in words.
      const generic = statusText(lang, statusCode);
      const body: ErrorBody = {
        statusCode,
        code: `http.${statusCode}`,
        error,
        message: generic && isNestDefault(message) ? generic : message,
        requestId,
      };
      // A list of problems (a framework package's, say) stays a list for programs.
      if (Array.isArray(raw)) body.details = raw.map(String);
      return body;
    }
    if (exception instanceof UploadRejectedError) {
      const status = exception.httpStatus;
      return {
        statusCode: status,
        code: `upload.${exception.code.toLowerCase()}`,
        error: status === 413 ? 'PayloadTooLarge' : status === 415 ? 'UnsupportedMediaType' : 'BadRequest',
        message: exception.text(lang),
        requestId,
      };
    }
    const multerCode = (exception as { code?: unknown } | null)?.code;
    if (typeof multerCode === 'string' && multerCode.startsWith('LIMIT_')) {
      return {
        statusCode: 400,
        code: `upload.${multerCode.toLowerCase()}`,
        error: 'BadRequest',
        message: `files: ${(exception as Error).message}`,
        requestId,
      };
    }
    const badInput = BAD_INPUT_CODES[sqlState(exception) ?? ''];
    if (badInput) {
      return {
        statusCode: 400,
        code: badInput,
        error: 'BadRequest',
        message: translate(lang, 'msg.db.refused', { reason: translate(lang, badInput) }),
        requestId,
      };
    }
    // Errors of the body parsers (malformed or too deeply nested JSON, too large) carry a 4xx.
    const parserStatus = (exception as { status?: unknown; type?: unknown } | null)?.status;
    if (
      typeof parserStatus === 'number' &&
      parserStatus >= 400 &&
      parserStatus < 500 &&
      typeof (exception as { type?: unknown }).type === 'string'
    ) {
      return {
        statusCode: parserStatus,
        code: `body.${String((exception as { type?: unknown }).type).replace(/\W+/g, '_')}`,
        error: 'BadRequest',
        message: (exception as Error).message,
        requestId,
      };
    }
    if (databaseUnavailable(exception)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'database.unavailable',
        error: 'ServiceUnavailable',
        message: translate(lang, 'error.503'),
        requestId,
      };
    }
    return {
      statusCode: 500,
      code: 'http.500',
      error: 'InternalServerError',
      message: translate(lang, 'error.500'),
      requestId,
    };
  }
}

/** The catalogue's sentence for a status ("Halaman tidak ditemukan."), else the generic title. */
function genericText(lang: Lang, status: number): string {
  return statusText(lang, status) ?? translate(lang, 'error.title');
}

function statusText(lang: Lang, status: number): string | undefined {
  const key = `error.${status}`;
  const text = translate(lang, key);
  return text === key ? undefined : text;
}

/** Nest's default texts ("Not Found", "Cannot GET /x", "Forbidden resource"), written in English. */
function isNestDefault(message: string): boolean {
  return /^(Cannot \w+ \/|Forbidden resource$|Unauthorized$|Not Found$|Bad Request$|Payload Too Large$|Too Many Requests$|Conflict$)/.test(
    message,
  );
}

function wantsHtml(req: Request): boolean {
  if (req.path.startsWith('/api/') || req.path === '/health') return false;
  const accept = req.headers.accept ?? '';
  // Browsers ask for HTML on navigation; a form post from a page is a page request too.
  return (
    accept.includes('text/html') ||
    (req.method === 'POST' &&
      req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded')
  );
}
