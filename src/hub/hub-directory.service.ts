import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { csvLine, neutralise, UTF8_BOM, type CellValue } from '../documents/csv';
import { CatalogRow, HubCatalogRepository } from './hub-catalog.repository';
import { daysToExpiry, expiryWarning } from './hub-figures.calc';
import {
  DirectoryQueryInput,
  DirectoryRow,
  DirectoryScope,
  HubDirectoryRepository,
} from './hub-directory.repository';

export interface DirectoryEntry extends Omit<DirectoryRow, 'total'> {
  certDaysLeft: number | null;
  certWarning: boolean;
}

export interface DirectoryPage {
  total: number;
  limit: number;
  offset: number;
  entries: DirectoryEntry[];
}

/** Export columns: JSON field and header, in the order of the page's table. */
export const DIRECTORY_COLUMNS: Array<[keyof DirectoryEntry, string]> = [
  ['code', 'agency_code'],
  ['name', 'agency'],
  ['spl', 'spl'],
  ['platform', 'platform'],
  ['tenant', 'tenant'],
  ['publishedApis', 'published_apis'],
  ['splpConnected', 'splp_connected'],
  ['splpProof', 'splp_proof'],
  ['lastImport', 'last_import'],
  ['uptime30d', 'uptime_30d_pct'],
  ['certDaysLeft', 'cert_days_left'],
];

/**
 * The national SPL directory. Who sees whom: admins and national leaders every agency,
 * evaluators their assigned agencies, a province's users their province with its regencies and
 * cities, anyone else their own agency.
 */
@Injectable()
export class HubDirectoryService {
  constructor(
    @Inject(HubDirectoryRepository) private readonly repo: HubDirectoryRepository,
    @Inject(HubCatalogRepository) private readonly catalog: HubCatalogRepository,
  ) {}

  /** One page of the API catalogue of the agencies the person may see (q: name, tag, unit, agency). */
  async catalogPage(
    actor: Actor,
    q: string | undefined,
    limit: number,
    offset: number,
  ): Promise<CatalogRow[]> {
    return this.catalog.page(await this.scopeOf(actor), q, limit, offset);
  }

  async scopeOf(actor: Actor): Promise<DirectoryScope> {
    if (actor.role === 'admin' || (actor.role === 'leader' && actor.agencyId === null)) {
      return { agencyIds: null, areaPrefix: null };
    }
    if (actor.role === 'evaluator') return { agencyIds: actor.assignedAgencyIds, areaPrefix: null };
    if (!actor.agencyId) return { agencyIds: [], areaPrefix: null };
    const own = await this.repo.areaOf(actor.agencyId);
    if (own?.kind === 'province' && own.areaCode) return { agencyIds: null, areaPrefix: own.areaCode };
    return { agencyIds: [actor.agencyId], areaPrefix: null };
  }

  async page(actor: Actor, query: DirectoryQueryInput, now = new Date()): Promise<DirectoryPage> {
    const rows = await this.repo.page(await this.scopeOf(actor), query);
    return {
      total: rows[0]?.total ?? 0,
      limit: query.limit,
      offset: query.offset,
      entries: this.entries(rows, now),
    };
  }

  private entries(rows: DirectoryRow[], now: Date): DirectoryEntry[] {
    return rows.map(({ total: _total, ...row }) => {
      const certDaysLeft = daysToExpiry(row.certExpiresAt ? new Date(row.certExpiresAt) : null, now);
      return { ...row, certDaysLeft, certWarning: expiryWarning(certDaysLeft) };
    });
  }

  /** The rows of these agencies (the roll-up PDF's columns), whoever asks: the caller scoped them. */
  async entriesFor(agencyIds: string[], now = new Date()): Promise<DirectoryEntry[]> {
    if (!agencyIds.length) return [];
    const query: DirectoryQueryInput = { sort: 'name', desc: false, limit: agencyIds.length, offset: 0 };
    return this.entries(await this.repo.page({ agencyIds, areaPrefix: null }, query), now);
  }

  csv(entries: DirectoryEntry[]): string {
    const lines = [UTF8_BOM + csvLine(DIRECTORY_COLUMNS.map(([, header]) => header))];
    for (const entry of entries) lines.push(csvLine(cells(entry)));
    return lines.join('');
  }

  async xlsx(entries: DirectoryEntry[], out: Writable): Promise<void> {
    // Loaded here, not at boot: exceljs is 660 modules that most starts of the app never use.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    workbook.creator = 'SPBE Tracker';
    const sheet = workbook.addWorksheet('SPL', { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(DIRECTORY_COLUMNS.map(([, h]) => h));
    header.font = { bold: true };
    header.commit();
    for (const entry of entries) {
      sheet.addRow(cells(entry).map((v) => (typeof v === 'string' ? neutralise(v) : v))).commit();
    }
    sheet.commit();
    await workbook.commit();
  }
}

function cells(entry: DirectoryEntry): CellValue[] {
  return DIRECTORY_COLUMNS.map(([key]) => {
    const value = entry[key];
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'number') return key === 'uptime30d' ? Number(value.toFixed(3)) : value;
    if (Array.isArray(value)) return value.join(' ');
    return String(value);
  });
}
