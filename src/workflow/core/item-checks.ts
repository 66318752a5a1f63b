import { ConflictException } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A decision or reopen made on a stale version of the item answers 409, never overwrites. */
export function assertVersion(
  item: { version: number },
  version: number | undefined,
  what = 'evidence',
): void {
  if (version !== undefined && version !== item.version) {
    throw new ConflictException(
      `This ${what} was changed by someone else (version ${item.version}, you sent ${version}). Reload and try again.`,
    );
  }
}

/** The agency's name, for messages in inboxes. */
export async function agencyName(m: EntityManager, agencyId: string): Promise<string> {
  const rows: { name: string }[] = await m.query('SELECT name FROM agency WHERE id = $1', [agencyId]);
  return rows[0]?.name ?? '';
}
