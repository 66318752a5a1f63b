import { DataSource } from 'typeorm';
import { AuditAnchorRepository } from './audit-anchor.repository';
import { AuditLogRepository } from './audit-log.repository';
import { GENESIS, anchorHash, anchorSignature, chainHash } from './audit-hash';

export interface AuditBreak {
  /** The entry (audit_log.seq) that does not match, or that an anchor names and is gone. */
  seq: string;
  chain?: string;
  /** Set for breaks found in an anchor. */
  anchorId?: string;
  reason: 'hash_mismatch' | 'broken_link' | 'anchored_entry_missing' | 'anchor_mismatch' | 'anchor_signature';
  expected: string;
  found: string;
}

export interface AuditVerifyReport {
  checked: number;
  chains: number;
  anchors: number;
  ok: boolean;
  firstSeq: string | null;
  lastSeq: string | null;
  lastHash: string | null;
  /** False when no signing key was given: anchors were checked for links but not for their signature. */
  signaturesChecked: boolean;
  /** The first entries whose content or link does not match; the chain is untrustworthy from there. */
  breaks: AuditBreak[];
}

const BATCH = 2000;
const MAX_BREAKS = 20;

/**
 * Walks every chain in order, re-computing each entry's hash and checking that it links to its
 * predecessor in the chain: an edited entry breaks its own hash, a removed one the next link.
 * Then checks the anchors: their own links and signatures, and that every chain head an anchor
 * saw is still there with the same hash, which names a removed chain tail.
 */
export async function verifyAuditChain(dataSource: DataSource, secret?: string): Promise<AuditVerifyReport> {
  const report: AuditVerifyReport = {
    checked: 0,
    chains: 0,
    anchors: 0,
    ok: true,
    firstSeq: null,
    lastSeq: null,
    lastHash: null,
    signaturesChecked: secret !== undefined,
    breaks: [],
  };
  const note = (b: AuditBreak) => {
    if (report.breaks.length < MAX_BREAKS) report.breaks.push(b);
    report.ok = false;
  };
  const anchors = new AuditAnchorRepository(dataSource);
  await walkChains(new AuditLogRepository(dataSource), report, note);
  await walkAnchors(anchors, report, note, secret);
  await checkAnchoredHeads(anchors, note);
  return report;
}

async function walkChains(
  entries: AuditLogRepository,
  report: AuditVerifyReport,
  note: (b: AuditBreak) => void,
) {
  let after = { chain: '', chainSeq: '0' };
  let chain: string | null = null;
  let previousHash = GENESIS;
  let lastSeq = 0n;
  for (;;) {
    const batch = await entries.entriesAfter(after, BATCH);
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (entry.chain !== chain) {
        chain = entry.chain;
        previousHash = GENESIS;
        report.chains += 1;
      }
      report.checked += 1;
      const where = { seq: entry.seq, chain: entry.chain };
      if (entry.prevHash !== previousHash)
        note({ ...where, reason: 'broken_link', expected: previousHash, found: entry.prevHash });
      const recomputed = chainHash(entry.prevHash, entry, entry.occurredAt, entry);
      if (recomputed !== entry.hash)
        note({ ...where, reason: 'hash_mismatch', expected: recomputed, found: entry.hash });
      previousHash = entry.hash;
      const seq = BigInt(entry.seq);
      if (report.firstSeq === null || seq < BigInt(report.firstSeq)) report.firstSeq = entry.seq;
      if (seq > lastSeq) {
        lastSeq = seq;
        report.lastSeq = entry.seq;
        report.lastHash = entry.hash;
      }
    }
    const last = batch[batch.length - 1];
    after = { chain: last.chain, chainSeq: last.chainSeq };
  }
}

async function walkAnchors(
  anchors: AuditAnchorRepository,
  report: AuditVerifyReport,
  note: (b: AuditBreak) => void,
  secret: string | undefined,
) {
  let previousHash = GENESIS;
  let afterId = '0';
  for (;;) {
    const batch = await anchors.after(afterId, 100);
    if (batch.length === 0) break;
    for (const a of batch) {
      report.anchors += 1;
      const where = { seq: '-', anchorId: a.id };
      const recomputed = anchorHash(a.prevHash, a.createdAt, a.heads);
      if (a.prevHash !== previousHash || recomputed !== a.hash)
        note({ ...where, reason: 'anchor_mismatch', expected: recomputed, found: a.hash });
      if (secret !== undefined && anchorSignature(secret, a.hash) !== a.signature)
        note({
          ...where,
          reason: 'anchor_signature',
          expected: 'HMAC of the anchor hash',
          found: a.signature,
        });
      previousHash = a.hash;
    }
    afterId = batch[batch.length - 1].id;
  }
}

/** Every head any anchor recorded must still exist with the hash the anchor saw. */
async function checkAnchoredHeads(anchors: AuditAnchorRepository, note: (b: AuditBreak) => void) {
  const rows = await anchors.changedHeads();
  for (const r of rows)
    note({
      seq: r.seq,
      chain: r.chain,
      anchorId: r.anchorId,
      reason: 'anchored_entry_missing',
      expected: r.hash,
      found: r.found ?? 'nothing',
    });
}
