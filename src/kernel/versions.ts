import { ConflictException, NotFoundException, applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { EntityManager } from 'typeorm';
import { refuse } from '../i18n/refusal';

/** The optimistic version check: the caller sends the version it read, a stale one answers 409. */

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
  if (!rows[0]) throw refuse(NotFoundException, `msg.not_found.${label.toLowerCase().replace('-', '_')}`);
  if (rows[0].version !== version) {
    throw refuse(ConflictException, 'msg.conflict.version', { current: rows[0].version, sent: version });
  }
}
