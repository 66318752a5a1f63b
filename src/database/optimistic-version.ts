import { ConflictException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { refuse } from '../i18n/refusal';

/**
 * The optimistic version check, written once: the caller sends the version it read and a stale
 * one answers 409 ("someone else changed it"). Repositories call it; services ask them.
 */
export function assertVersion(current: number, sent: number): void {
  if (current !== sent) throw refuse(ConflictException, 'msg.conflict.version', { current, sent });
}

/** Locks an agency's row for the rest of the transaction, then checks the version the caller read. */
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
  assertVersion(rows[0].version, version);
}
