import { Evidence } from './evidence.entity';

/** The API shape of an evidence item: metadata, units, links and every file revision. */
export function evidenceView(e: Evidence, links?: Record<string, string[]>) {
  const files = [...(e.files ?? [])].sort((a, b) => a.slot - b.slot || b.revision - a.revision);
  return {
    id: e.id,
    agencyId: e.agencyId,
    periodId: e.periodId,
    kind: e.kind,
    title: e.title,
    documentNumber: e.documentNumber,
    documentDate: e.documentDate,
    indicators: e.indicators,
    allUnits: e.allUnits,
    unitIds: (e.units ?? []).map((u) => u.id),
    status: e.status,
    statusReason: e.statusReason,
    description: e.description,
    /** A link item's URL (its one file, if any, is the snapshot); null for a file item. */
    url: e.url,
    capturedAt: e.capturedAt,
    carriedFromId: e.carriedFromId,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    files: files.map((f) => ({
      id: f.id,
      slot: f.slot,
      revision: f.revision,
      current: f.isCurrent,
      name: f.originalName,
      mimeType: f.mimeType,
      size: Number(f.size),
      sha256: f.sha256,
      uploadedBy: f.uploadedBy,
      uploadedAt: f.uploadedAt,
    })),
    ...(links ? { links } : {}),
  };
}
