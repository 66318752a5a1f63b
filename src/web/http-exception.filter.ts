import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { UploadRejectedError } from './upload-rejected.error';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
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
  '23503': 'refers to a record that does not exist',
  '23502': 'a required value is missing',
  '22003': 'a number is out of range',
  '22P02': 'a value has the wrong form',
  '22021': 'text contains a character that cannot be stored',
  '22P05': 'text contains a character that cannot be stored',
  '22007': 'a date or time has the wrong form',
  '22008': 'a date or time is out of range',
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
    const body = this.toBody(exception, req);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    if (res.headersSent) return;
    if (wantsHtml(req) && body.statusCode === HttpStatus.UNAUTHORIZED) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (wantsHtml(req)) {
      const lang = requestLang(res);
      const generic = translate(lang, `error.${body.statusCode}`);
      const message = body.statusCode >= 500 || generic.startsWith('error.') ? generic : body.message;
      res.status(body.statusCode).render('pages/error', {
        title: translate(lang, 'error.title'),
        statusCode: body.statusCode,
        message: body.statusCode === 404 ? generic : Array.isArray(message) ? message.join('; ') : message,
        requestId: body.requestId,
        currentPath: req.originalUrl,
      });
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request & { id?: string }): ErrorBody {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : ((response as { message?: string | string[] }).message ?? exception.message);
      return {
        statusCode: exception.getStatus(),
        error: exception.name.replace(/Exception$/, ''),
        message,
        requestId,
      };
    }
    if (exception instanceof UploadRejectedError) {
      const status = exception.httpStatus;
      return {
        statusCode: status,
        error: status === 413 ? 'PayloadTooLarge' : status === 415 ? 'UnsupportedMediaType' : 'BadRequest',
        message: exception.message,
        requestId,
      };
    }
    const multerCode = (exception as { code?: unknown } | null)?.code;
    if (typeof multerCode === 'string' && multerCode.startsWith('LIMIT_')) {
      return {
        statusCode: 400,
        error: 'BadRequest',
        message: `files: ${(exception as Error).message}`,
        requestId,
      };
    }
    const badInput = BAD_INPUT_CODES[sqlState(exception) ?? ''];
    if (badInput) {
      return {
        statusCode: 400,
        error: 'BadRequest',
        message: `The request was refused: ${badInput}.`,
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
        error: 'BadRequest',
        message: (exception as Error).message,
        requestId,
      };
    }
    if (databaseUnavailable(exception)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'ServiceUnavailable',
        message: 'The database is unavailable; please retry shortly.',
        requestId,
      };
    }
    return { statusCode: 500, error: 'InternalServerError', message: 'Internal server error', requestId };
  }
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
