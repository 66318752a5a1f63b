import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { msg } from '../i18n/message';
import { refuse } from '../i18n/refusal';
import { ownedIds } from './agency.repository';

/** What a write may name: rows of the caller's own agency, units an operator is limited to. */

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
  const rows = await ownedIds(m, table, agencyId, unique);
  if (rows.length !== unique.length)
    throw refuse(BadRequestException, 'msg.owned.mismatch', { field, what: msg(`msg.owned.${table}`) });
  return rows;
}

/** Operators limited to some units may enter applications of those units only. */
export function refuseUnitLimited(actor: Actor, _what: string): void {
  if (actor.role === 'operator' && actor.unitIds !== null)
    throw refuse(ForbiddenException, 'msg.access.unit_limited');
}
