import { ConflictException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { refuse } from '../i18n/refusal';

/**
 * The optimistic version check, written once: the caller sends the version it read and a stale
 * one answers 409 ("someone else changed it"). Where the version is optional, none sent means
 * no check.
 */
export function assertVersion(current: number, sent: number | undefined): void {
  if (sent !== undefined && current !== sent)
    throw refuse(ConflictException, 'msg.conflict.version', { current, sent });
}

/** Locks an agency's row for the rest of the transaction, then checks the version the caller read. */
export async function lockVersion(
  m: EntityManager,
  table: string,
  id: string,
  agencyId: string,
  version: number,
  /** What is not found when the row is missing (its catalogue message `msg.not_found.<record>`). */
  record: 'spl' | 'policy' | 'unit' | 'review' | 'follow_up' | 'integration' | 'application',
): Promise<void> {
  const rows: { version: number }[] = await m.query(
    `SELECT version FROM ${table} WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
    [id, agencyId],
  );
  if (!rows[0]) throw refuse(NotFoundException, `msg.not_found.${record}`);
  assertVersion(rows[0].version, version);
}
