import type { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/** An item after a status move: its new status, reason and version. */
export interface EvidenceStatusRow {
  id: string;
  status: string;
  statusReason: string | null;
  version: number;
}

/**
 * The one status write of an evidence item, implemented by src/evidence, whose repository owns the
 * table: the unit of work moves statuses through this port (in its own transaction), so
 * workflow-core, below evidence, writes no evidence row and imports nothing of it.
 */
export interface EvidenceStatusWriter {
  /** Sets the status in the manager's transaction; the version moves on, so an open form of the item answers 409. */
  setStatus(
    m: EntityManager,
    evidenceId: string,
    status: string,
    reason: string | null,
  ): Promise<EvidenceStatusRow>;
}

export const EVIDENCE_STATUS_WRITER = Symbol('EVIDENCE_STATUS_WRITER');

/** The port as the app provides it (src/evidence registers it); looked up, not imported, to keep folders acyclic. */
export function evidenceStatusWriter(moduleRef: ModuleRef): EvidenceStatusWriter {
  return moduleRef.get<EvidenceStatusWriter>(EVIDENCE_STATUS_WRITER, { strict: false });
}
