import { EntityManager } from 'typeorm';

/** The agency's name, for messages in inboxes. */
export async function agencyName(m: EntityManager, agencyId: string): Promise<string> {
  const rows: { name: string }[] = await m.query('SELECT name FROM agency WHERE id = $1', [agencyId]);
  return rows[0]?.name ?? '';
}
