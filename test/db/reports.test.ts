import { ModuleRef } from '@nestjs/core';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/access/actor';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { LinkedDataRepository } from '../../src/reports/linked-data.repository';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { RollupRepository } from '../../src/reports/rollup.repository';
import { RollupService } from '../../src/reports/rollup.service';
import { HubCatalogRepository } from '../../src/hub/hub-catalog.repository';
import { HubDirectoryRepository } from '../../src/hub/hub-directory.repository';
import { HubDirectoryService } from '../../src/hub/hub-directory.service';
import { PeriodLookup } from '../../src/periods/period-lookup';
import { PeriodRepository } from '../../src/periods/period.repository';
import { ScoringService } from '../../src/scoring/scoring.service';
import { makeAgency, makePeriod } from '../factories';
import { TestDatabase, createTestDatabase } from '../support/test-database';

const AGENCIES = 615;

function admin(): Actor {
  return {
    userId: '00000000-0000-4000-8000-00000000000a',
    username: 'admin',
    displayName: 'Admin',
    role: 'admin',
    agencyId: null,
    unitIds: null,
    assignedAgencyIds: [],
    assignments: [],
    via: 'access',
    tokenId: 'x',
    mustChangePassword: false,
  };
}

describe('report queries on PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.destroy();
  });

  describe('hub series', () => {
    it('sums production calls and errors per month and weighs uptime by the time each report covers', async () => {
      const agency = await makeAgency(ds);
      const [{ id: importId }] = await ds.query(
        `INSERT INTO hub_import (agency_id, file_name, sha256, bytes, format, variant, channel, counts, problems, status)
         VALUES ($1, 'x.csv', $2, 1, 'F8', 'template', 'cli', '{}', '[]', 'imported') RETURNING id`,
        [agency.id, '0'.repeat(64)],
      );
      const usage = (
        start: string,
        end: string,
        key: string | null,
        total: number,
        c4: number,
        c5: number,
        fault: number | null,
      ) =>
        ds.query(
          `INSERT INTO hub_usage (agency_id, hub_id, period_start, period_end, api_key, key_type, total_calls,
             client_error_calls, server_error_calls, fault_calls, precision, import_id)
           VALUES ($1, 'spl', $2, $3, $4, $5, $6, $7, $8, $9, 'AGGREGATED', $10)`,
          [agency.id, start, end, `api-${start}-${key}`, key, total, c4, c5, fault, importId],
        );
      await usage('2026-01-01T00:00Z', '2026-02-01T00:00Z', 'PRODUCTION', 1000, 10, 5, 2);
      await usage('2026-01-15T00:00Z', '2026-01-16T00:00Z', null, 500, 1, 0, null);
      await usage('2026-01-01T00:00Z', '2026-02-01T00:00Z', 'SANDBOX', 9999, 999, 999, 999);
      await usage('2026-03-01T00:00Z', '2026-04-01T00:00Z', 'PRODUCTION', 300, 0, 3, 0);
      await usage('2025-12-01T00:00Z', '2026-01-01T00:00Z', 'PRODUCTION', 7777, 0, 0, 0);
      const uptime = (monitor: string, start: string, end: string, pct: number) =>
        ds.query(
          `INSERT INTO hub_uptime (agency_id, hub_id, monitor_id, monitor_name, period_start, period_end, uptime_pct, import_id)
           VALUES ($1, 'spl', $2, $2, $3, $4, $5, $6)`,
          [agency.id, monitor, start, end, pct, importId],
        );
      await uptime('gw', '2026-02-01T00:00Z', '2026-02-28T00:00Z', 99);
      await uptime('portal', '2026-02-10T00:00Z', '2026-02-11T00:00Z', 50);
      const series = await new LinkedDataRepository(ds).hubSeries(agency.id, 2026);
      expect(series.months[0]).toBe('2026-01');
      expect(series.calls.slice(0, 4)).toEqual([1500, 0, 300, 0]);
      expect(series.errors.slice(0, 4)).toEqual([18, 0, 3, 0]);
      expect(series.uptime[0]).toBeNull();
      expect(series.uptime[1]).toBeCloseTo((99 * 27 + 50 * 1) / 28, 6);
      expect(series).toMatchObject({ hasUsage: true, hasUptime: true });
      const none = await new LinkedDataRepository(ds).hubSeries((await makeAgency(ds)).id, 2026);
      expect(none).toMatchObject({ hasUsage: false, hasUptime: false });
    });
  });

  describe(`roll-up of ${AGENCIES} agencies`, () => {
    let periodId: string;

    beforeAll(async () => {
      const period = await makePeriod(ds, { year: 2027, asOf: '2027-10-31' });
      periodId = period.id;
      await ds.query(
        `INSERT INTO agency (code, name, kind, area_code, version)
         SELECT 'bulk-' || n, 'Pemerintah Kabupaten ' || lpad(n::text, 4, '0'), 'regency',
                CASE WHEN n % 10 = 0 THEN '35.' ELSE '33.' END || lpad((n % 100)::text, 2, '0'), 1
           FROM generate_series(1, $1) AS n`,
        [AGENCIES],
      );
      await ds.query(
        `INSERT INTO level_result (agency_id, period_id, basis, indicator, unit_key, level, coverage)
         SELECT a.id, $1, b.basis::level_basis, i.indicator, '',
                (substring(a.code FROM 6)::int + i.indicator) % 6, CASE WHEN i.indicator = 18 THEN 0.5 END
           FROM agency a
          CROSS JOIN (VALUES ('supported'), ('verified')) AS b(basis)
          CROSS JOIN (VALUES (7), (18)) AS i(indicator)
          WHERE a.code LIKE 'bulk-%'`,
        [periodId],
      );
      await ds.query(
        `INSERT INTO score_snapshot (agency_id, period_id, facts_hash, facts, supported, verified)
         SELECT a.id, $1, repeat('0', 64), '{}',
                jsonb_build_object('indicators', jsonb_build_object('18', jsonb_build_object('next',
                  jsonb_build_object('level', 3, 'missing', CASE WHEN substring(a.code FROM 6)::int % 3 = 0
                    THEN '[{"code":"I18_L3_UNITS_BELOW_L2"},{"code":"I18_L3_BELOW_TARGET"}]'::jsonb
                    ELSE '[{"code":"I18_L3_UNITS_BELOW_L2"}]'::jsonb END)))),
                '{}'
           FROM agency a WHERE a.code LIKE 'bulk-%'`,
        [periodId],
      );
    });

    it('pages through every agency once, in name order, within the scope', async () => {
      const repo = new RollupRepository(ds);
      const seen: string[] = [];
      let after = null;
      for (;;) {
        const rows = await repo.page(periodId, { agencyIds: null }, after, 200);
        seen.push(...rows.map((r) => r.name));
        if (rows.length < 200) break;
        after = { name: rows[rows.length - 1].name, id: rows[rows.length - 1].id };
      }
      const bulk = seen.filter((n) => /Kabupaten \d{4}$/.test(n));
      expect(bulk).toHaveLength(AGENCIES);
      expect(new Set(bulk).size).toBe(AGENCIES);
      expect([...bulk].sort()).toEqual(bulk);
      const first = (await repo.page(periodId, { agencyIds: null, area: '35' }, null, 1000)).filter((r) =>
        r.code.startsWith('bulk-'),
      );
      expect(first).toHaveLength(61);
      expect(first[0].levels['18']).toEqual({ supported: 4, verified: 4, validated: null });
      expect(await repo.count({ agencyIds: [first[0].id, first[1].id] })).toBe(2);
    });

    it('counts levels and the most common gaps', async () => {
      const repo = new RollupRepository(ds);
      const pairs = await repo.levelPairs(periodId, { agencyIds: null, area: '3' }, 'supported');
      expect(pairs.reduce((sum, p) => sum + p.agencies, 0)).toBe(AGENCIES);
      const gaps = await repo.commonGaps(periodId, { agencyIds: null }, 'supported', 10);
      expect(gaps).toEqual([
        { code: 'I18_L3_UNITS_BELOW_L2', agencies: AGENCIES },
        { code: 'I18_L3_BELOW_TARGET', agencies: 205 },
      ]);
    });

    /** One agency's SPL as the hub imports leave it: instance, two published APIs, uptime, certificate. */
    const seedSpl = async (code: string) => {
      const [{ id: agencyId }] = await ds.query('SELECT id FROM agency WHERE code = $1', [code]);
      const [{ id: importId }] = await ds.query(
        `INSERT INTO hub_import (agency_id, file_name, sha256, bytes, format, variant, channel, counts, problems, status)
         VALUES ($1, 'hubs.csv', $2, 1, 'F8', 'template', 'cli', '{}', '[]', 'imported') RETURNING id`,
        [agencyId, '1'.repeat(64)],
      );
      await ds.query(
        `INSERT INTO hub_instance (agency_id, hub_id, name, level, platform, gateway_base_urls, tenant_domain, import_id)
         VALUES ($1, 'spl-1', 'SPL Kabupaten Satu', 'INSTANSI', 'WSO2 API Manager 4.2', '{https://spl.kab1.go.id}', 'kab1.go.id', $2)`,
        [agencyId, importId],
      );
      for (const key of ['a', 'b'])
        await ds.query(
          `INSERT INTO hub_api (agency_id, import_id, hub_id, api_key, name, version, tenant_domain, lifecycle_status,
             published_on_bus, tags, props, variant, updated_at, first_seen_at)
           VALUES ($1, $2, 'spl-1', $3, $3, '1.0.0', 'kab1.go.id', 'PUBLISHED', true, '{}', '{}', 'F1-list', now(), now())`,
          [agencyId, importId, key],
        );
      await ds.query(
        `INSERT INTO hub_uptime (agency_id, hub_id, monitor_id, monitor_name, period_start, period_end, uptime_pct, import_id)
         VALUES ($1, 'spl-1', 'gw', 'gw', now() - interval '30 days', now(), 99.5, $2)`,
        [agencyId, importId],
      );
      await ds.query(
        `INSERT INTO hub_monitor_state (agency_id, hub_id, monitor_id, monitor_name, status, ssl_expires_at, import_id)
         VALUES ($1, 'spl-1', 'gw', 'gw', 'UP', now() + interval '45 days', $2)`,
        [agencyId, importId],
      );
    };

    it('streams the roll-up PDF while it still reads agencies', async () => {
      const repo = new RollupRepository(ds);
      const scoring = new ScoringService();
      const periods = new PeriodLookup(new PeriodRepository(ds));
      const directory = new HubDirectoryService(new HubDirectoryRepository(ds), new HubCatalogRepository(ds));
      // An SPBE 2020 period asks nothing of the package levels (src/pemdi).
      const noPackages = {
        get: () => {
          throw new Error('an SPBE 2020 period has no package levels');
        },
      } as unknown as ModuleRef;
      const service = new RollupService(
        repo,
        scoring,
        periods,
        { directory: (ids) => directory.entriesFor(ids) },
        noPackages,
      );
      await seedSpl('bulk-1');
      let written = 0;
      const chunks: Buffer[] = [];
      const writtenAtEachPage: number[] = [];
      const page = repo.page.bind(repo);
      repo.page = (...args) => {
        writtenAtEachPage.push(written);
        return page(...args);
      };
      const out = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          chunks.push(chunk);
          setImmediate(callback);
        },
      });
      const progress: [number, number][] = [];
      const started = Date.now();
      await service.write(
        admin(),
        await periods.byYear(2027),
        { area: '33' },
        'id',
        out,
        new AbortController().signal,
        (d, t) => progress.push([d, t]),
      );
      const seconds = (Date.now() - started) / 1000;
      expect(writtenAtEachPage.length).toBeGreaterThanOrEqual(3);
      expect(writtenAtEachPage[writtenAtEachPage.length - 1]).toBeGreaterThan(0);
      expect(progress[progress.length - 1]).toEqual([554, 554]);
      const pages = await pdfPageTexts(Buffer.concat(chunks));
      const text = pages.join('\n');
      expect(text).toContain('Pemerintah Kabupaten 0001');
      expect(text).not.toContain('Pemerintah Kabupaten 0010');
      expect(text).toContain('Pemerintah Kabupaten 0615');
      // The SPL directory of the same agencies, with the columns of /spl-directory.
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Direktori SPL instansi');
      expect(flat).toMatch(
        /Pemerintah Kabupaten 0001 SPL Kabupaten Satu WSO2 API Manager 4\.2 kab1\.go\.id 2 belum terlihat \d{4}-\d\d-\d\d 99,5% 4[45] \d/,
      );
      expect(flat).toMatch(/Pemerintah Kabupaten 0011 belum dicatat – 0 belum terlihat – – –/);
      pages.forEach((p, i) => expect(p).toContain(`Halaman ${i + 1}`));
      process.stdout.write(`roll-up of 554 agencies: ${pages.length} pages in ${seconds.toFixed(2)} s\n`);
    });
  });
});
