import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** One stored framework package version. */
export interface StoredPackage {
  readonly frameworkId: string;
  readonly version: string;
  readonly hash: string;
  readonly sourceText: string;
  readonly content: unknown;
  readonly shipped: boolean;
  readonly importedAt: Date;
  readonly importedBy: string | null;
  readonly importedByName: string | null;
}

/** Which periods choose a framework version (null: the shipped version of the id). */
export interface PeriodChoice {
  readonly year: number;
  readonly frameworkId: string;
  readonly version: string | null;
  readonly stage: string;
  readonly frozen: boolean;
}

interface Row {
  framework_id: string;
  version: string;
  hash: string;
  source_text: string;
  content: unknown;
  shipped: boolean;
  imported_at: Date;
  imported_by: string | null;
  imported_by_name: string | null;
}

const SELECT = `SELECT p.framework_id, p.version, p.hash, p.source_text, p.content, p.shipped, p.imported_at,
                       p.imported_by, u.username AS imported_by_name
                  FROM framework_package p LEFT JOIN app_user u ON u.id = p.imported_by`;

/** The framework_package table; stored versions are never changed, except shipped ones at boot. */
@Injectable()
export class FrameworkPackageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async tableExists(): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT to_regclass('framework_package') IS NOT NULL AS present`,
    )) as { present: boolean }[];
    return row.present;
  }

  async list(): Promise<StoredPackage[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} ORDER BY p.framework_id, p.imported_at, p.version`,
    );
    return rows.map(toStored);
  }

  async find(frameworkId: string, version: string, m?: EntityManager): Promise<StoredPackage | null> {
    const rows: Row[] = await (m ?? this.dataSource.manager).query(
      `${SELECT} WHERE p.framework_id = $1 AND p.version = $2`,
      [frameworkId, version],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Inserts a version; answers false when that id and version exist already. */
  async insert(
    m: EntityManager,
    pkg: { frameworkId: string; version: string; hash: string; sourceText: string; content: unknown },
    importedBy: string | null,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO framework_package (framework_id, version, hash, source_text, content, imported_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT DO NOTHING RETURNING framework_id`,
      [pkg.frameworkId, pkg.version, pkg.hash, pkg.sourceText, JSON.stringify(pkg.content), importedBy],
    );
    return rows.length > 0;
  }

  /** Keeps a shipped package in step with the build's file; an imported row of the same version is left alone. */
  async upsertShipped(pkg: {
    frameworkId: string;
    version: string;
    hash: string;
    sourceText: string;
    content: unknown;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO framework_package (framework_id, version, hash, source_text, content, shipped)
       VALUES ($1, $2, $3, $4, $5::jsonb, true)
       ON CONFLICT (framework_id, version) DO UPDATE
          SET hash = EXCLUDED.hash, source_text = EXCLUDED.source_text, content = EXCLUDED.content
        WHERE framework_package.shipped AND framework_package.hash <> EXCLUDED.hash`,
      [pkg.frameworkId, pkg.version, pkg.hash, pkg.sourceText, JSON.stringify(pkg.content)],
    );
  }

  async periodChoices(): Promise<PeriodChoice[]> {
    const rows: {
      year: number;
      framework_id: string;
      version: string | null;
      stage: string;
      frozen: boolean;
    }[] = await this.dataSource.query(
      `SELECT p.year, p.framework_version AS framework_id, p.framework_package_version AS version, p.stage::text AS stage,
                EXISTS (SELECT 1 FROM agency_freeze f WHERE f.period_id = p.id) AS frozen
           FROM period p ORDER BY p.year`,
    );
    return rows.map((r) => ({
      year: r.year,
      frameworkId: r.framework_id,
      version: r.version,
      stage: r.stage,
      frozen: r.frozen,
    }));
  }

  async choiceFor(year: number): Promise<PeriodChoice | null> {
    return (await this.periodChoices()).find((c) => c.year === year) ?? null;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

function toStored(row: Row): StoredPackage {
  return {
    frameworkId: row.framework_id,
    version: row.version,
    hash: row.hash,
    sourceText: row.source_text,
    content: row.content,
    shipped: row.shipped,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    importedByName: row.imported_by_name,
  };
}
