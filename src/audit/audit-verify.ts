import { DataSource } from 'typeorm';
import { GENESIS, chainHash } from './audit.service';
import { AuditEntry } from './audit-entry.entity';

export interface AuditBreak {
  seq: string;
  reason: 'hash_mismatch' | 'broken_link';
  expected: string;
  found: string;
}

export interface AuditVerifyReport {
  checked: number;
  ok: boolean;
  firstSeq: string | null;
  lastSeq: string | null;
  lastHash: string | null;
  /** The first entries whose content or link does not match; the chain is untrustworthy from there. */
  breaks: AuditBreak[];
}

const BATCH = 2000;
const MAX_BREAKS = 20;

/**
 * Walks the whole chain in order, re-computing each entry's hash and checking that it links to
 * its predecessor. An edited entry breaks its own hash; a removed one breaks the next link.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditVerifyReport> {
  const repo = dataSource.getRepository(AuditEntry);
  const report: AuditVerifyReport = {
    checked: 0,
    ok: true,
    firstSeq: null,
    lastSeq: null,
    lastHash: null,
    breaks: [],
  };
  let previousHash = GENESIS;
  let afterSeq = '0';
  for (;;) {
    const batch = await repo
      .createQueryBuilder('a')
      .where('a.seq > :afterSeq', { afterSeq })
      .orderBy('a.seq', 'ASC')
      .limit(BATCH)
      .getMany();
    if (batch.length === 0) break;
    for (const entry of batch) {
      check(entry, previousHash, report);
      previousHash = entry.hash;
    }
    const last = batch[batch.length - 1];
    afterSeq = last.seq;
    report.firstSeq ??= batch[0].seq;
    report.lastSeq = last.seq;
    report.lastHash = last.hash;
  }
  report.ok = report.breaks.length === 0;
  return report;
}

function check(entry: AuditEntry, previousHash: string, report: AuditVerifyReport): void {
  report.checked += 1;
  const note = (reason: AuditBreak['reason'], expected: string, found: string) => {
    if (report.breaks.length < MAX_BREAKS) report.breaks.push({ seq: entry.seq, reason, expected, found });
    else report.ok = false;
  };
  if (entry.prevHash !== previousHash) note('broken_link', previousHash, entry.prevHash);
  const recomputed = chainHash(entry.prevHash, entry, entry.occurredAt);
  if (recomputed !== entry.hash) note('hash_mismatch', recomputed, entry.hash);
}
