import { ExecutionContext, HttpException, createParamDecorator } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Request, Response } from 'express';
import { Lang } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { render } from '../i18n/message';
import { refusalOf } from '../i18n/refusal';
import { ValidationRefusal, validationRefusal } from '../i18n/validation-refusal';
import { PostedForm } from './form-field-errors';
import { UploadRejectedError } from './upload-rejected.error';

/**
 * Page forms, one mechanism: `@FormBody(Dto)` hands the handler what was entered, `submitForm`
 * validates it like the API, runs the save and redirects; on a validation failure or a refusal it
 * renders the same form again with the message in the user's language, each field's problem and
 * the values entered. The page is answered with the refusal's status at the address the form was
 * posted to; when that address serves no GET (`.../delete`, `.../status`), the page names the
 * form's own address and the browser shows that one (see `public/js/page-address.js`), so a
 * bookmark or a reload-by-URL leads back to the form, never to a POST-only URL. Redirecting back
 * with the state instead would have to carry typed text through a cookie or a server store and
 * would answer every refusal 303, which programs and tests read as success.
 *
 * Each field the refusal names is marked in the form that was posted, with its message beside it
 * (see `form-field-errors.ts`): the layout does it for every page, so no template repeats it.
 */

/** Fields of the transport, not of the form: the CSRF token and the language switch. */
const FORM_CONTROLS = ['_csrf', 'lang'];

/** A body or query without `_csrf` and `lang`: the one place they are taken out before validation. */
export function withoutFormControls<T>(value: T): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  if (!FORM_CONTROLS.some((name) => name in value)) return value;
  const rest = { ...(value as Record<string, unknown>) };
  for (const name of FORM_CONTROLS) delete rest[name];
  return rest as T;
}

/** What a person entered in a form, and the DTO it must make. */
export class FormInput<T extends object> {
  constructor(
    readonly dto: new () => T,
    readonly values: Record<string, unknown>,
    private readonly prepare: (values: Record<string, unknown>) => Record<string, unknown> = (v) => v,
  ) {}

  /** The same input with defaults under it: a multi-select sends nothing when emptied. */
  withDefaults(defaults: Record<string, unknown>): FormInput<T> {
    return new FormInput(this.dto, { ...defaults, ...this.values }, this.prepare);
  }

  /**
   * The same input read through `prepare` before validation (dates written dd/mm/yyyy, say);
   * the form still shows what was typed. `prepare` may throw a refusal.
   */
  preparedBy(prepare: (values: Record<string, unknown>) => Record<string, unknown>): FormInput<T> {
    return new FormInput(this.dto, this.values, prepare);
  }

  /** Validated like the API (whitelist, unknown fields refused, transforms), or a ValidationRefusal. */
  async parse(): Promise<T> {
    const dto = plainToInstance(this.dto, { ...this.prepare(this.values) });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw validationRefusal(errors);
    return dto;
  }
}

/** The form fields of a page POST (urlencoded or multipart), to be made into `dto`. */
export const FormBody = createParamDecorator(
  (dto: new () => object, ctx: ExecutionContext): FormInput<object> => {
    const body = ctx.switchToHttp().getRequest<Request>().body as unknown;
    const values = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    return new FormInput(dto, { ...withoutFormControls(values) });
  },
);

/** What a form page shows after a refusal. */
export interface FormState {
  status: number;
  /** The refusal in the user's language. */
  formError: string;
  /** Each field's problem, by field name (`fieldErrors.name`). */
  fieldErrors: Record<string, string>;
  /** The values entered, to fill the fields again (passwords are never sent back). */
  form: Record<string, unknown>;
}

/**
 * The one mapping from an error to what a form page says: validation problems, refusals (in
 * `lang`), conflicts, missing records, refused uploads: every 4xx but 401. Anything else is not the form's
 * problem and is thrown on to the error page. `fields` holds each named field's problem as it reads
 * beside the field, without the field's name in front.
 */
export function formProblem(
  error: unknown,
  lang: Lang,
): { status: number; message: string; fields: Record<string, string> } {
  if (error instanceof ValidationRefusal) {
    const fields: Record<string, string> = {};
    for (const p of error.problems)
      fields[p.field.split('.')[0]] ??= besideField(render(lang, p.message), p.field);
    return { status: 400, message: error.problems.map((p) => render(lang, p.message)).join('; '), fields };
  }
  if (error instanceof UploadRejectedError)
    return { status: error.httpStatus, message: error.text(lang), fields: {} };
  // Any refusal of the request (4xx) but "sign in first", which the exception filter answers.
  if (
    error instanceof HttpException &&
    error.getStatus() >= 400 &&
    error.getStatus() < 500 &&
    error.getStatus() !== 401
  ) {
    const refusal = refusalOf(error);
    if (refusal) {
      const message = render(lang, refusal);
      // A refusal that names a field (`{ field: 'agencyIds' }`) is that field's problem too.
      const field = refusal.params?.field;
      const fields = typeof field === 'string' ? { [field]: besideField(message, field) } : {};
      return { status: error.getStatus(), message, fields };
    }
    const body = error.getResponse() as { message?: string | string[] } | string;
    const message = typeof body === 'string' ? body : (body.message ?? error.message);
    return {
      status: error.getStatus(),
      message: Array.isArray(message) ? message.join('; ') : message,
      fields: {},
    };
  }
  throw error;
}

/** "code: paling panjang 40 karakter." reads "Paling panjang 40 karakter." under the field itself. */
function besideField(text: string, field: string): string {
  const prefix = `${field}: `;
  if (!text.startsWith(prefix)) return text;
  const rest = text.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The refusal as the form shows it; rethrows what is not a form problem. */
export function formState(error: unknown, lang: Lang, values: Record<string, unknown> = {}): FormState {
  const { status, message, fields } = formProblem(error, lang);
  const form = Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));
  return { status, formError: message, fieldErrors: fields, form };
}

export interface FormSubmission<T> {
  /** Saves and answers where to go next (a GET address, redirected to with 303), or nothing when it answered itself. */
  save(dto: T): Promise<string | void>;
  /** Renders the form's page again with the refusal (status, message, values). */
  page(state: FormState): Promise<void> | void;
  /** The form page's own GET address, when the form posts elsewhere. */
  at?: string;
}

/** Validates, saves and redirects; on a refusal, the same form again with what was entered. */
export async function submitForm<T extends object>(
  res: Response,
  input: FormInput<T> | undefined,
  submission: FormSubmission<T>,
): Promise<void> {
  let next: string | void;
  try {
    const dto = input ? await input.parse() : (undefined as unknown as T);
    next = await submission.save(dto);
  } catch (error) {
    const state = formState(error, requestLang(res), input?.values);
    res.locals.postedForm = {
      path: res.req.originalUrl.split('?')[0],
      errors: state.fieldErrors,
      values: state.form,
    } satisfies PostedForm;
    if (submission.at && submission.at !== res.req.originalUrl) res.locals.pageAddress = submission.at;
    res.status(state.status);
    await submission.page(state);
    return;
  }
  if (next) res.redirect(303, next);
}

/** Parses a form outside `submitForm` (a handler that reads one form in two steps). */
export async function parseForm<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  const values = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return new FormInput(cls, withoutFormControls(values)).parse();
}

/**
 * A record shown in an edit form, with what was entered over it (after a refusal), so the fields
 * show the user's values; `version` stays the record's, and "true"/"false" become booleans.
 */
export function withEntered<T extends object>(record: T, state: Partial<FormState> | undefined): T {
  if (!state?.form) return record;
  const entered: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(state.form)) {
    if (name === 'version') continue;
    entered[name] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return { ...record, ...entered };
}
