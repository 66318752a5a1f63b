import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { ndjson, unitsCsv } from '../../src/hub/hub-fixtures.testing';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** Hub rows carrying NUL or a lone surrogate, with and without skipBad: a 2xx or 4xx, never a 500. */
describe('hub rows with characters the database cannot store', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'nusa', domain: 'nusa.go.id' });
    await makeUnit(ds, agency, { code: 'DISDUKCAPIL' });
    token = await issueToken(ds, await makeUser(ds, 'coordinator', agency));
  });
  afterAll(() => t.close());

  const push = (name: string, content: string, skipBad: boolean) =>
    http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', `Bearer ${token}`)
      .field('skipBad', String(skipBad))
      .attach('file', Buffer.from(content), name);

  it.each([
    ['a NUL', '\u0000'],
    ['a lone surrogate', '\ud800'],
  ])('answers a usage event with %s without a server error', async (_name, bad) => {
    const good = ndjson([{ apiId: 'api-a', at: '2026-03-01T10:00:00Z', latency: 20 }]).trim();
    const hostile = ndjson([{ apiId: `api${bad}b`, at: '2026-03-01T11:00:00Z', latency: 40 }]).trim();
    for (const skipBad of [true, false]) {
      const res = await push(`events-${skipBad}.ndjson`, `${good}\n${hostile}\n`, skipBad);
      expect(res.status).toBeLessThan(500);
    }
  });

  it.each([
    ['a NUL', '\u0000'],
    ['a lone surrogate', '\ud800'],
  ])('answers a mapping row with %s without a server error', async (_name, bad) => {
    const content = unitsCsv([
      ['DISDUKCAPIL', 'Dukcapil', 'provider', 'disdukcapil'],
      ['DISDUKCAPIL', 'Dukcapil', 'tag', `x${bad}y`],
    ]);
    for (const skipBad of [true, false]) {
      const res = await push(`units-${skipBad}-${_name}.csv`, content, skipBad);
      expect(res.status).toBeLessThan(500);
    }
  });
});
