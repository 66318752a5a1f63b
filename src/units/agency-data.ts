import {
  BadRequestException,
  applyDecorators,
  ConflictException,
  ForbiddenException,
  NotFoundException,
} from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type, plainToInstance } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidationOptions,
  validate,
} from 'class-validator';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { DEFAULT_LANG, Lang } from '../i18n/i18n';
import { msg, render } from '../i18n/message';
import { refusalOf } from '../i18n/refusal';
import { ValidationRefusal, validationRefusal } from '../i18n/validation-refusal';
import { refuse } from '../i18n/refusal';

/** Shared pieces of the agency-data features (units, applications, SPL, policies, reviews). */

export const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Array.isArray(value) ? value : [value];
export const toBool = ({ value }: { value: unknown }) =>
  value === ''
    ? undefined
    : value === 'true' || value === 'on' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;
/** An empty form field means "not given". */
export const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export function isDateOnly(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A calendar date written strictly as YYYY-MM-DD. */
export function IsDateOnly(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (value) => isDateOnly(value),
        defaultMessage: () => 'msg.validation.date',
      },
    },
    options,
  );
}

export class PageQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
  @IsOptional() @IsString() lang?: string;
}

export interface Paging {
  offset: number;
  limit: number;
  page: number;
  pageSize: number;
}

export function paging(query: PageQuery): Paging {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
}

/** The version the caller read; a stale one answers 409. */
export const VersionField = () =>
  applyDecorators(
    ApiProperty({ description: 'The version you read; a stale one answers 409.' }),
    Type(() => Number),
    IsInt({ message: 'msg.validation.version' }),
    Min(1, { message: 'msg.validation.version' }),
  );

export class VersionDto {
  @VersionField() version!: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Locks the row for the rest of the transaction and answers 409 when the caller read an older version. */
export async function lockVersion(
  m: EntityManager,
  table: string,
  id: string,
  agencyId: string,
  version: number,
  label: string,
): Promise<void> {
  const rows: { version: number }[] = await m.query(
    `SELECT version FROM ${table} WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
    [id, agencyId],
  );
  if (!rows[0]) throw new NotFoundException(`${label} not found.`);
  if (rows[0].version !== version) {
    throw refuse(ConflictException, 'msg.conflict.version', { current: rows[0].version, sent: version });
  }
}

/** Every id must name a row of `table` of this agency, else 400 naming the field. */
export async function ensureOwned(
  m: EntityManager,
  table: 'evidence' | 'unit' | 'policy',
  agencyId: string,
  ids: string[] | undefined,
  field: string,
  _what: string,
): Promise<{ id: string }[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return [];
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM ${table} WHERE agency_id = $1 AND id = ANY($2::uuid[])`,
    [agencyId, unique],
  );
  if (rows.length !== unique.length)
    throw refuse(BadRequestException, 'msg.owned.mismatch', { field, what: msg(`msg.owned.${table}`) });
  return rows;
}

/** Operators limited to some units may enter applications of those units only. */
export function refuseUnitLimited(actor: Actor, _what: string): void {
  if (actor.role === 'operator' && actor.unitIds !== null)
    throw refuse(ForbiddenException, 'msg.access.unit_limited');
}

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

export const optionalText = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value,
);
