import { DataSource, QueryFailedError } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { HubRecordsRepository } from '../../src/hub/hub-records.repository';
import { FactsRepository } from '../../src/levels/facts.repository';
import { UsageBucket } from '../../src/hub/parsers';
import { makeAgency, makeApplication, makePeriod, makeUnit } from '../factories';
import { TestDatabase, createTestDatabase } from '../support/test-database';

/** The constraints the hub migration declares by hand (partial and expression indexes). */
describe('hub tables on PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let agency: Agency;

  const newImport = (sha: string, status = 'imported') =>
    ds.query(
      `INSERT INTO hub_import (agency_id, file_name, sha256, bytes, format, variant, channel, counts, problems, status)
       VALUES ($1, 'f.json', $2, 1, 'F1', 'F1-list', 'api', '{}', '[]', $3) RETURNING id`,
      [agency.id, sha, status],
    );
  const code = async (work: Promise<unknown>) => {
    try {
      await work;
      return 'ok';
    } catch (error) {
      return (error as QueryFailedError & { driverError: { code: string } }).driverError.code;
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    agency = await makeAgency(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.destroy();
  });

  it('allows one successful import per agency and content hash, and any number of refused attempts', async () => {
    await newImport('a'.repeat(64));
    expect(await code(newImport('a'.repeat(64)))).toBe('23505');
    expect(await code(newImport('a'.repeat(64), 'rejected'))).toBe('ok');
    expect(await code(newImport('a'.repeat(64), 'rejected'))).toBe('ok');
    expect(await code(newImport('b'.repeat(64), 'weird'))).toBe('23514');
  });

  it('keeps one mapping rule per type and value whatever its case', async () => {
    const unit = await makeUnit(ds, agency);
    const rule = (value: string) =>
      ds.query(
        `INSERT INTO hub_mapping_rule (agency_id, unit_id, match_type, match_value, source) VALUES ($1, $2, 'tag', $3, 'manual')`,
        [agency.id, unit.id, value],
      );
    await rule('Kesehatan');
    expect(await code(rule('KESEHATAN'))).toBe('23505');
    expect(await code(rule('Kesehatan Ibu'))).toBe('ok');
  });

  it('replaces a usage bucket with the same natural key, absent application and key type included', async () => {
    const [{ id: importId }] = await newImport('c'.repeat(64));
    const repo = new HubRecordsRepository();
    const bucket = (total: number): UsageBucket => ({
      hubId: 'spl',
      apiKey: 'api-1',
      periodStart: new Date('2026-01-01T00:00:00Z'),
      periodEnd: new Date('2026-02-01T00:00:00Z'),
      totalCalls: total,
      precision: 'AGGREGATED',
      source: 'F6-csv',
    });
    await repo.upsertUsage(ds.manager, { agencyId: agency.id, importId }, [bucket(10)]);
    await repo.upsertUsage(ds.manager, { agencyId: agency.id, importId }, [bucket(25)]);
    expect(
      await ds.query('SELECT total_calls::int AS n FROM hub_usage WHERE agency_id = $1', [agency.id]),
    ).toEqual([{ n: 25 }]);
  });

  it('reads an application as via SPL in the facts when a linked hub API is published', async () => {
    const period = await makePeriod(ds, { year: 2027, asOf: '2027-10-31' });
    const unit = await makeUnit(ds, agency);
    const app = await makeApplication(ds, unit, 'none');
    const [{ id: importId }] = await newImport('d'.repeat(64));
    await ds.query(
      `INSERT INTO hub_api (agency_id, hub_id, api_key, name, version, tenant_domain, tags, props, variant, import_id,
         published_on_bus, application_id, application_link)
       VALUES ($1, 'spl', 'k', 'Api', '1', 't', '{}', '{}', 'F1-list', $2, true, $3, 'manual')`,
      [agency.id, importId, app.id],
    );
    const rows = (await new FactsRepository(ds).load([agency.id], period.id)).get(agency.id)!;
    expect(rows.applications.find((a) => a.id === app.id)).toMatchObject({
      exchange: 'none',
      hub_via_spl: true,
    });
  });
});
