import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';
import type { ChainHead } from './audit-anchor.entity';

export interface AuditEvent {
  action: string;
  actorId?: string | null;
  actorName?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  agencyId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);
/** Entries written before the per-agency chains; their hashes use the first formula. */
export const LEGACY_CHAIN = 'legacy';
/** Entries that belong to no agency (logins, national settings). */
export const NATIONAL_CHAIN = 'national';

export function chainOf(event: AuditEvent): string {
  return event.agencyId ?? NATIONAL_CHAIN;
}

/** Where an entry sits; part of the hash, so moving an entry to another chain shows. */
export interface ChainPosition {
  chain: string;
  chainSeq: string;
}

/** The entry's hash; canonical JSON, because `detail` is stored as jsonb, which reorders keys. */
export function chainHash(
  prevHash: string,
  event: AuditEvent,
  occurredAt: Date,
  position?: ChainPosition,
): string {
  const fields = [
    prevHash,
    occurredAt.toISOString(),
    event.action,
    event.actorId ?? null,
    event.actorName ?? null,
    event.subjectType ?? null,
    event.subjectId ?? null,
    event.agencyId ?? null,
    event.ip ?? null,
    event.detail ?? {},
  ];
  const body =
    position && position.chain !== LEGACY_CHAIN
      ? canonicalJson([position.chain, position.chainSeq, ...fields])
      : canonicalJson(fields);
  return createHash('sha256').update(body).digest('hex');
}

export function anchorHash(prevHash: string, createdAt: Date, heads: ChainHead[]): string {
  const body = canonicalJson([prevHash, createdAt.toISOString(), heads]);
  return createHash('sha256').update(body).digest('hex');
}

export function anchorSignature(secret: string, hash: string): string {
  return createHmac('sha256', secret).update(hash).digest('hex');
}
