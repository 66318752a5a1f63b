import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { dataSourceOptions } from '../../src/database/data-source-options';
import {
  migrationStatus,
  revertLastMigration,
  runPendingMigrations,
} from '../../src/database/migration-runner';
import { publisherApiList, ndjson } from '../../src/hub/hub-fixtures.testing';
import { HubRecordWriter } from '../../src/hub/hub-record.writer';
import { HubRecordsRepository } from '../../src/hub/hub-records.repository';
import { HubRulesRepository } from '../../src/hub/hub-rules.repository';
import { parseHubFile, type UsageBucket } from '../../src/hub/parsers';
import { makeAgency, makeApplication, makeUnit } from '../factories';
import { TestDatabase, createTestDatabase } from '../support/test-database';

const TENANT = 'nusa.go.id';
const NEW_KEY = `${TENANT}|/kependudukan|1.0.0`;

/**
 * Rows written before an API was keyed by tenant, context and version (WSO2 ids and name keys)
 * are re-keyed and merged by migration HubApiRekey, and a later import adds no second entry.
 */
describe('re-keying hub APIs stored under WSO2 ids', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let agency: Agency;
  let imports = 0;

  const newImport = async (at: string): Promise<string> => {
    imports += 1;
    const [{ id }] = await ds.query(
      `INSERT INTO hub_import (agency_id, file_name, sha256, bytes, format, variant, channel, counts, problems, status, imported_at)
       VALUES ($1, 'old.json', $2, 1, 'F1', 'F1-list', 'api', '{}', '[]', 'imported', $3) RETURNING id`,
      [agency.id, String(imports).padStart(64, '0'), at],
    );
    return id as string;
  };
  const oldApi = (importId: string, key: string, fields: Record<string, unknown>) =>
    ds.query(
      `INSERT INTO hub_api (agency_id, import_id, hub_id, api_key, source_id, name, version, context, tenant_domain,
         lifecycle_status, published_on_bus, tags, props, variant, application_id, application_link, updated_at, first_seen_at)
       VALUES ($1, $2, 'spl', $3, $4, 'Kependudukan', '1.0.0', $5, $6, 'PUBLISHED', true, '{}', '{}', $7, $8, $9, $10, $10)`,
      [
        agency.id,
        importId,
        key,
        fields.sourceId ?? null,
        fields.context ?? null,
        TENANT,
        fields.variant ?? 'F1-list',
        fields.applicationId ?? null,
        fields.applicationId ? 'manual' : null,
        fields.at,
      ],
    );
  const oldUsage = (importId: string, key: string, day: string, calls: number) =>
    ds.query(
      `INSERT INTO hub_usage (agency_id, import_id, hub_id, period_start, period_end, api_key, app_key, key_type,
         total_calls, precision)
       VALUES ($1, $2, 'spl', $3::date, $3::date + 1, $4, 'app-1', 'PRODUCTION', $5, 'RAW')`,
      [agency.id, importId, day, key, calls],
    );
  const apis = (): Promise<Array<{ key: string; link: string | null; firstSeen: Date }>> =>
    ds.query(
      `SELECT api_key AS key, application_link AS link, first_seen_at AS "firstSeen"
         FROM hub_api WHERE agency_id = $1 ORDER BY api_key`,
      [agency.id],
    );
  const callsByKey = async (): Promise<Record<string, number>> => {
    const rows: Array<{ key: string; n: number }> = await ds.query(
      `SELECT api_key AS key, sum(total_calls)::int AS n FROM hub_usage WHERE agency_id = $1 GROUP BY api_key`,
      [agency.id],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    const applied = async () =>
      (await migrationStatus(ds)).some((m) => m.name === 'HubApiRekey1797000220000' && m.applied);
    while (await applied()) await revertLastMigration(ds);
    agency = await makeAgency(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.destroy();
  });

  it('merges the old rows of one API into one entry that keeps their usage, link and first sighting', async () => {
    const app = await makeApplication(ds, await makeUnit(ds, agency));
    const first = await newImport('2026-01-10T00:00:00Z');
    const second = await newImport('2026-02-10T00:00:00Z');
    // The API as first published, then deleted and re-created on the server with a new id.
    await oldApi(first, 'wso2-old-1', {
      sourceId: 'wso2-old-1',
      context: '/t/nusa.go.id/kependudukan/1.0.0',
      applicationId: app.id,
      at: '2026-01-10T00:00:00Z',
    });
    await oldApi(second, 'wso2-old-2', {
      sourceId: 'wso2-old-2',
      context: '/kependudukan',
      at: '2026-02-10T00:00:00Z',
    });
    // Usage that named the API by tenant|name|version only.
    await oldApi(second, `${TENANT}|Kependudukan|1.0.0`, { variant: 'usage', at: '2026-02-10T00:00:00Z' });
    await oldApi(second, 'lonely-id', { sourceId: 'lonely-id', at: '2026-02-10T00:00:00Z' });
    await oldUsage(first, 'wso2-old-1', '2026-01-05', 100);
    await oldUsage(second, 'wso2-old-2', '2026-02-05', 50);
    await oldUsage(second, `${TENANT}|Kependudukan|1.0.0`, '2026-02-06', 7);
    // One day imported under both ids: the later import's figure stands, not the sum.
    await oldUsage(first, 'wso2-old-1', '2026-01-20', 30);
    await oldUsage(second, 'wso2-old-2', '2026-01-20', 31);
    await ds.query(
      `INSERT INTO hub_subscription (agency_id, import_id, hub_id, api_key, app_key, active) VALUES
         ($1, $2, 'spl', 'wso2-old-1', 'app-1', true), ($1, $3, 'spl', 'wso2-old-2', 'app-1', true)`,
      [agency.id, first, second],
    );

    await runPendingMigrations(ds);

    const merged = await apis();
    expect(merged.map((a) => a.key)).toEqual(['lonely-id', NEW_KEY]);
    const api = merged.find((a) => a.key === NEW_KEY)!;
    expect(api.link).toBe('manual');
    expect(api.firstSeen.toISOString()).toBe('2026-01-10T00:00:00.000Z');
    expect(await callsByKey()).toEqual({ [NEW_KEY]: 100 + 50 + 7 + 31 });
    expect(
      await ds.query('SELECT api_key AS key FROM hub_subscription WHERE agency_id = $1', [agency.id]),
    ).toEqual([{ key: NEW_KEY }]);
  });

  it('adds no second entry when the same API is imported again under yet another WSO2 id', async () => {
    const importId = await newImport('2026-03-10T00:00:00Z');
    const repo = new HubRecordsRepository();
    const rules = new HubRulesRepository(ds);
    const files = [
      { name: 'apis.json', text: publisherApiList([{ id: 'wso2-new-3', name: 'Kependudukan' }]) },
      {
        name: 'events.ndjson',
        text: ndjson([
          { apiId: 'wso2-new-3', apiName: 'Kependudukan', at: '2026-03-01T10:00:00Z', tenant: TENANT },
        ]),
      },
    ];
    await ds.transaction(async (m) => {
      const writer = new HubRecordWriter(m, repo, rules, { agencyId: agency.id, importId }, new Map(), null);
      for (const file of files) {
        const result = await parseHubFile(
          { buffer: Buffer.from(file.text), fileName: file.name },
          { hubId: 'spl', tenantDomain: TENANT, granularity: 'day', onRecord: (r, w) => writer.take(r, w) },
        );
        expect(result.ok).toBe(true);
        await writer.finish();
      }
    });

    expect((await apis()).map((a) => a.key)).toEqual(['lonely-id', NEW_KEY]);
    expect(await callsByKey()).toEqual({ [NEW_KEY]: 100 + 50 + 7 + 31 + 1 });
  });
  it('adds up two usage buckets of one import that meet on one key after re-keying', async () => {
    const importId = await newImport('2026-04-10T00:00:00Z');
    const repo = new HubRecordsRepository();
    const rules = new HubRulesRepository(ds);
    const key = `${TENANT}|/perizinan|1.0.0`;
    const day = {
      periodStart: new Date('2026-04-01T00:00:00Z'),
      periodEnd: new Date('2026-04-02T00:00:00Z'),
    };
    const bucket = (apiKey: string, calls: number, errors: number): UsageBucket => ({
      hubId: 'spl',
      ...day,
      apiKey,
      appKey: 'app-1',
      keyType: 'PRODUCTION',
      totalCalls: calls,
      successCalls: calls - errors,
      clientErrorCalls: errors,
      serverErrorCalls: 0,
      faultCalls: 0,
      statusCodes: { '200': calls - errors, '404': errors },
      platforms: { Android: calls - 1, UNKNOWN: 1 },
      userAgents: { 'Chrome Mobile WebView': calls - 1, UNKNOWN: 1 },
      latencyHistogram: [[calls, calls]],
      latency: { count: calls, p95Ms: calls },
      precision: 'RAW',
      source: 'F5-ndjson',
    });
    await ds.transaction(async (m) => {
      const writer = new HubRecordWriter(m, repo, rules, { agencyId: agency.id, importId }, new Map(), null);
      const apisFile = publisherApiList([{ id: 'wso2-perizinan', name: 'Perizinan' }]);
      await parseHubFile(
        { buffer: Buffer.from(apisFile), fileName: 'apis.json' },
        { hubId: 'spl', tenantDomain: TENANT, granularity: 'day', onRecord: (r, w) => writer.take(r, w) },
      );
      // The same day of the same API, once under WSO2's id and once under its context key.
      await writer.take({ kind: 'usage', value: bucket('wso2-perizinan', 4, 1) }, { line: 1 });
      await writer.take({ kind: 'usage', value: bucket(key, 6, 2) }, { line: 2 });
      await writer.finish();
    });

    const rows: Array<Record<string, unknown>> = await ds.query(
      `SELECT total_calls::int AS calls, success_calls::int AS success, client_error_calls::int AS errors,
              status_codes AS codes, latency_histogram AS histogram, platforms, user_agents AS agents
         FROM hub_usage WHERE agency_id = $1 AND api_key = $2`,
      [agency.id, key],
    );
    expect(rows).toEqual([
      {
        calls: 10,
        success: 7,
        errors: 3,
        codes: { '200': 7, '404': 3 },
        histogram: [
          [4, 4],
          [6, 6],
        ],
        platforms: { Android: 3 + 5, UNKNOWN: 2 },
        agents: { 'Chrome Mobile WebView': 3 + 5, UNKNOWN: 2 },
      },
    ]);
  });
  it("adds up a key met again in a later batch of the same import, and replaces another import's", async () => {
    const repo = new HubRecordsRepository();
    const rules = new HubRulesRepository(ds);
    const key = `${TENANT}|/perizinan|1.0.0`;
    const bucket = (calls: number): UsageBucket => ({
      hubId: 'spl',
      periodStart: new Date('2026-05-01T00:00:00Z'),
      periodEnd: new Date('2026-05-02T00:00:00Z'),
      apiKey: key,
      appKey: 'app-2',
      keyType: 'PRODUCTION',
      totalCalls: calls,
      successCalls: calls,
      clientErrorCalls: 0,
      serverErrorCalls: 0,
      faultCalls: 0,
      statusCodes: { '200': calls },
      platforms: { Windows: calls },
      userAgents: { Chrome: calls },
      latencyHistogram: [[calls, calls]],
      precision: 'RAW',
      source: 'F5-ndjson',
    });
    const importOf = async (batches: number[][]) => {
      const importId = await newImport('2026-05-10T00:00:00Z');
      await ds.transaction(async (m) => {
        const writer = new HubRecordWriter(
          m,
          repo,
          rules,
          { agencyId: agency.id, importId },
          new Map(),
          null,
        );
        for (const batch of batches) {
          for (const calls of batch) await writer.take({ kind: 'usage', value: bucket(calls) }, { line: 1 });
          await writer.finish(); // a flush: the next bucket lands in another batch
        }
      });
    };
    const stored = async () =>
      ds.query(
        `SELECT total_calls::int AS calls, status_codes AS codes, platforms, user_agents AS agents FROM hub_usage
          WHERE agency_id = $1 AND api_key = $2 AND app_key = 'app-2'`,
        [agency.id, key],
      );

    await importOf([[3], [5]]);
    expect(await stored()).toEqual([
      { calls: 8, codes: { '200': 8 }, platforms: { Windows: 8 }, agents: { Chrome: 8 } },
    ]);
    // Importing the same period again replaces it: a re-import never doubles the figures.
    await importOf([[2], [1]]);
    expect(await stored()).toEqual([
      { calls: 3, codes: { '200': 3 }, platforms: { Windows: 3 }, agents: { Chrome: 3 } },
    ]);
  });
});
