import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { HubImportChannel, HubImportCounts, HubImportStatus } from './hub-import.entity';
import type { ImportFormat, RowProblem } from './parsers';

/** An import as the API, the pages and the PDF show it: its provenance and what it held. */
export interface HubImportView {
  id: string;
  fileName: string;
  sha256: string;
  bytes: number;
  format: ImportFormat | null;
  variant: string | null;
  hubId: string | null;
  skipBad: boolean;
  channel: HubImportChannel;
  importedBy: string | null;
  importedByName: string | null;
  importedAt: string;
  counts: HubImportCounts;
  problems: RowProblem[];
  problemsTruncated: boolean;
  status: HubImportStatus;
}

export interface NewHubImport {
  agencyId: string;
  fileName: string;
  sha256: string;
  bytes: number;
  format: ImportFormat | null;
  variant: string | null;
  hubId: string | null;
  skipBad: boolean;
  channel: HubImportChannel;
  importedBy: string | null;
  counts: HubImportCounts;
  problems: RowProblem[];
  problemsTruncated: boolean;
  status: HubImportStatus;
}

const SELECT_VIEW = `SELECT i.id, i.file_name AS "fileName", i.sha256, i.bytes::float8 AS bytes, i.format, i.variant,
    i.hub_id AS "hubId", i.skip_bad AS "skipBad", i.channel, i.imported_by AS "importedBy",
    coalesce(u.display_name, u.username) AS "importedByName", i.imported_at AS "importedAt", i.counts, i.problems,
    i.problems_truncated AS "problemsTruncated", i.status
  FROM hub_import i LEFT JOIN app_user u ON u.id = i.imported_by`;

type ViewRow = Omit<HubImportView, 'importedAt'> & { importedAt: Date };

const toView = (row: ViewRow): HubImportView => ({ ...row, importedAt: row.importedAt.toISOString() });

/** The provenance table of hub imports. */
@Injectable()
export class HubImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(m: EntityManager, row: NewHubImport): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO hub_import (agency_id, file_name, sha256, bytes, format, variant, hub_id, skip_bad, channel,
         imported_by, counts, problems, problems_truncated, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        row.agencyId,
        row.fileName,
        row.sha256,
        row.bytes,
        row.format,
        row.variant,
        row.hubId,
        row.skipBad,
        row.channel,
        row.importedBy,
        JSON.stringify(row.counts),
        JSON.stringify(row.problems),
        row.problemsTruncated,
        row.status,
      ],
    );
    return rows[0].id;
  }

  async finish(
    m: EntityManager,
    id: string,
    result: { counts: HubImportCounts; problems: RowProblem[]; problemsTruncated: boolean },
  ): Promise<void> {
    await m.query('UPDATE hub_import SET counts = $2, problems = $3, problems_truncated = $4 WHERE id = $1', [
      id,
      JSON.stringify(result.counts),
      JSON.stringify(result.problems),
      result.problemsTruncated,
    ]);
  }

  /** The successful import of the same bytes, if there is one. */
  async findImported(agencyId: string, sha256: string, m?: EntityManager): Promise<HubImportView | null> {
    const rows: ViewRow[] = await (m ?? this.dataSource.manager).query(
      `${SELECT_VIEW} WHERE i.agency_id = $1 AND i.sha256 = $2 AND i.status = 'imported'`,
      [agencyId, sha256],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async findById(agencyId: string, id: string, m?: EntityManager): Promise<HubImportView | null> {
    const rows: ViewRow[] = await (m ?? this.dataSource.manager).query(
      `${SELECT_VIEW} WHERE i.agency_id = $1 AND i.id = $2`,
      [agencyId, id],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(agencyId: string, limit = 100, m?: EntityManager): Promise<HubImportView[]> {
    const rows: ViewRow[] = await (m ?? this.dataSource.manager).query(
      `${SELECT_VIEW} WHERE i.agency_id = $1 ORDER BY i.imported_at DESC, i.id LIMIT $2`,
      [agencyId, limit],
    );
    return rows.map(toView);
  }

  /** Successful imports whose data is still current somewhere, for the evidence's provenance. */
  async contributing(agencyId: string, m?: EntityManager): Promise<HubImportView[]> {
    const rows: ViewRow[] = await (m ?? this.dataSource.manager).query(
      `${SELECT_VIEW} WHERE i.agency_id = $1 AND i.status = 'imported' AND (
         EXISTS (SELECT 1 FROM hub_api a WHERE a.import_id = i.id)
         OR EXISTS (SELECT 1 FROM hub_application a WHERE a.import_id = i.id)
         OR EXISTS (SELECT 1 FROM hub_subscription s WHERE s.import_id = i.id)
         OR EXISTS (SELECT 1 FROM hub_usage u WHERE u.import_id = i.id)
         OR EXISTS (SELECT 1 FROM hub_uptime t WHERE t.import_id = i.id)
         OR EXISTS (SELECT 1 FROM hub_instance h WHERE h.import_id = i.id)
         OR EXISTS (SELECT 1 FROM hub_mapping_rule r WHERE r.source = i.id::text))
       ORDER BY i.imported_at, i.id`,
      [agencyId],
    );
    return rows.map(toView);
  }
}
