import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EvidenceLine } from '../evidence/evidence-package';
import type { ApplicationLine, ReviewLine } from './report.model';

export interface UnitRecord {
  id: string;
  code: string;
  name: string;
  kind: string;
  inScope: boolean;
  outOfScopeReason: string | null;
}

/** Set-based reads of one agency's data for its reports: one query per topic, never per row. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async units(agencyId: string): Promise<UnitRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, code, name, kind, in_scope, out_of_scope_reason
         FROM unit WHERE agency_id = $1 ORDER BY code, id`,
      [agencyId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      kind: r.kind as string,
      inScope: r.in_scope as boolean,
      outOfScopeReason: r.out_of_scope_reason as string | null,
    }));
  }

  async applications(agencyId: string): Promise<ApplicationLine[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT a.name, a.exchange, a.description, u.code AS unit_code, u.name AS unit_name
         FROM application a JOIN unit u ON u.id = a.unit_id
        WHERE a.agency_id = $1 ORDER BY u.code, a.name`,
      [agencyId],
    );
    return rows.map((r) => ({
      unitCode: r.unit_code as string,
      unitName: r.unit_name as string,
      name: r.name as string,
      exchange: r.exchange as string,
      description: r.description as string | null,
    }));
  }

  /** Evidence of the period with its current file revisions, oldest document first. */
  async evidence(agencyId: string, periodId: string): Promise<EvidenceLine[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT e.id, e.title, e.kind, e.status, e.document_date::text AS document_date, e.document_number,
              e.indicators, e.all_units, e.url, e.captured_at::text AS captured_at,
              (SELECT string_agg(u.code, ', ' ORDER BY u.code)
                 FROM evidence_unit eu JOIN unit u ON u.id = eu.unit_id WHERE eu.evidence_id = e.id) AS unit_codes,
              f.id AS file_id, f.original_name, f.sha256, f.size::text AS size, f.mime_type, f.storage_key,
              f.slot, f.revision, f.uploaded_at
         FROM evidence e
         LEFT JOIN evidence_file f ON f.evidence_id = e.id AND f.is_current
        WHERE e.agency_id = $1 AND e.period_id = $2
        ORDER BY e.document_date, e.title, e.id, f.slot, f.id`,
      [agencyId, periodId],
    );
    return rows.map((r) => ({
      evidenceId: r.id as string,
      title: r.title as string,
      kind: r.kind as string,
      status: r.status as string,
      documentDate: r.document_date as string,
      documentNumber: r.document_number as string | null,
      indicators: (r.indicators as number[]).map(Number),
      units: r.all_units ? '*' : ((r.unit_codes as string | null) ?? ''),
      url: r.url as string | null,
      capturedAt: r.captured_at as string | null,
      file: r.file_id
        ? {
            id: r.file_id as string,
            name: r.original_name as string,
            sha256: (r.sha256 as string).trim(),
            size: Number(r.size),
            mimeType: r.mime_type as string,
            storageKey: r.storage_key as string,
            slot: r.slot as number,
            revision: r.revision as number,
            uploadedAt: new Date(r.uploaded_at as string | Date),
          }
        : null,
    }));
  }

  async reviews(agencyId: string): Promise<ReviewLine[]> {
    const reviews: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.id, r.subject, r.date::text AS date, r.all_units, r.findings,
              (SELECT string_agg(u.code, ', ' ORDER BY u.code)
                 FROM review_unit ru JOIN unit u ON u.id = ru.unit_id WHERE ru.review_id = r.id) AS unit_codes
         FROM review r WHERE r.agency_id = $1 ORDER BY r.date DESC, r.id`,
      [agencyId],
    );
    const followUps: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT review_id, finding, status, date::text AS date
         FROM follow_up WHERE agency_id = $1 ORDER BY date NULLS LAST, created_at`,
      [agencyId],
    );
    return reviews.map((r) => ({
      subject: r.subject as string,
      date: r.date as string,
      units: r.all_units ? '*' : ((r.unit_codes as string | null) ?? ''),
      findings: r.findings as string | null,
      followUps: followUps
        .filter((f) => f.review_id === r.id)
        .map((f) => ({
          finding: f.finding as string,
          status: f.status as string,
          date: f.date as string | null,
        })),
    }));
  }
}
