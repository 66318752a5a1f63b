import { ConflictException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { refuse } from '../../i18n/refusal';

/** A decision or reopen made on a stale version of the item answers 409, never overwrites. */
export function assertVersion(item: { version: number }, version: number | undefined): void {
  if (version !== undefined && version !== item.version) {
    throw refuse(ConflictException, 'msg.conflict.version', { current: item.version, sent: version });
  }
}

/** The agency's name, for messages in inboxes. */
export async function agencyName(m: EntityManager, agencyId: string): Promise<string> {
  const rows: { name: string }[] = await m.query('SELECT name FROM agency WHERE id = $1', [agencyId]);
  return rows[0]?.name ?? '';
}
