import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { csv } from '../../src/hub/hub-fixtures.testing';
import { formatRatio } from '../../src/i18n/numbers';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { binary, browserSession, http } from '../support/http';
import { visibleText } from '../support/visible-text';
import { TestApp, createTestApp } from '../support/test-app';

const FIXTURE = readFileSync(join(__dirname, '..', 'fixtures', 'hub', 'f5-devices.log'));
const KEPENDUDUKAN = 'bandung.go.id|/kependudukan|1.0.0';
const PAJAK = 'bandung.go.id|/pajak|1.0.0';

/** What the fixture's production responses say, counted by hand from its 15 lines. */
const PLATFORMS = [
  { name: 'Android', calls: 4 },
  { name: 'UNKNOWN', calls: 3 },
  { name: 'Windows', calls: 3 },
  { name: 'Mac OS X', calls: 1 },
  { name: 'iOS', calls: 1 },
];
const USER_AGENTS = [
  { name: 'Chrome Mobile WebView', calls: 4 },
  { name: 'Chrome', calls: 2 },
  { name: 'UNKNOWN', calls: 2 },
  { name: 'Apache-HttpClient', calls: 1 },
  { name: 'Edge', calls: 1 },
  { name: 'Mobile Safari', calls: 1 },
  { name: 'Safari', calls: 1 },
];
const withShares = (list: Array<{ name: string; calls: number }>) =>
  list.map((d) => ({ ...d, share: expect.closeTo(d.calls / 12, 10) as number }));

/** The user names, IP addresses and raw user agent headers of the fixture's callers. */
const PERSONAL = [
  ...new Set(
    [...FIXTURE.toString('utf8').matchAll(/"(userIp|userName|userAgentHeader)":"([^"]+)"/g)].map((m) => m[2]),
  ),
];

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Issue 22, points 1 and 6: WSO2's "Devices" figures, kept as counts only. */
describe('hub figures by device (platform and browser family)', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let unit: Unit;
  let coordinator: User;
  let auth: string;

  const push = (name: string, content: Buffer | string, to = agency) =>
    http(t.app)
      .post(`/api/v1/agencies/${to.id}/hub-imports`)
      .set('Authorization', auth)
      .attach('file', Buffer.from(content), name)
      .expect(201);
  const figures = (to = agency, query = '') =>
    http(t.app)
      .get(`/api/v1/agencies/${to.id}/hub/figures?year=2024${query}`)
      .set('Authorization', auth)
      .expect(200);
  const page = async (path: string) => {
    const { cookie } = browserSession(t.config.sessionSecret, await issueToken(ds, coordinator, 'session'));
    return visibleText((await http(t.app).get(path).set('Cookie', cookie).expect(200)).text);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2024, asOf: '2024-12-31' });
    agency = await makeAgency(ds, { code: 'perangkat', domain: 'bandung.go.id' });
    unit = await makeUnit(ds, agency, { code: 'DISDUKCAPIL' });
    coordinator = await makeUser(ds, 'coordinator', agency);
    auth = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub/rules`)
      .set('Authorization', auth)
      .send({ unitId: unit.id, matchType: 'provider', matchValue: 'disdukcapil' })
      .expect(201);
    await push('apim_metrics.log', FIXTURE);
  });
  afterAll(() => t.close());

  it('stores calls by platform and browser family on each daily bucket', async () => {
    const rows = await ds.query(
      `SELECT api_key, key_type, to_char(period_start AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day,
              total_calls::int AS calls, platforms, user_agents
         FROM hub_usage WHERE agency_id = $1 ORDER BY api_key, key_type, period_start`,
      [agency.id],
    );
    expect(rows).toEqual([
      {
        api_key: KEPENDUDUKAN,
        key_type: 'PRODUCTION',
        day: '2024-02-12',
        calls: 9,
        platforms: { Android: 3, Windows: 2, iOS: 1, 'Mac OS X': 1, UNKNOWN: 1 },
        user_agents: { 'Chrome Mobile WebView': 3, Chrome: 2, 'Mobile Safari': 1, Safari: 1, UNKNOWN: 1 },
      },
      {
        api_key: KEPENDUDUKAN,
        key_type: 'PRODUCTION',
        day: '2024-02-13',
        calls: 2,
        platforms: { Android: 1, Windows: 1 },
        user_agents: { 'Chrome Mobile WebView': 1, Edge: 1 },
      },
      {
        api_key: KEPENDUDUKAN,
        key_type: 'SANDBOX',
        day: '2024-02-13',
        calls: 1,
        platforms: { Linux: 1 },
        user_agents: { curl: 1 },
      },
      {
        api_key: PAJAK,
        key_type: 'PRODUCTION',
        day: '2024-02-13',
        calls: 3,
        platforms: { UNKNOWN: 2 },
        user_agents: { UNKNOWN: 1, 'Apache-HttpClient': 1 },
      },
    ]);
  });

  it('stores no user name, IP address or user agent header of a caller in any table or upload', async () => {
    expect(PERSONAL.length).toBeGreaterThanOrEqual(15);
    const tables: Array<{ name: string }> = await ds.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const leaks: string[] = [];
    for (const { name } of tables) {
      const rows: Array<{ row: string }> = await ds.query(`SELECT t::text AS row FROM "${name}" t`);
      for (const { row } of rows)
        for (const value of PERSONAL) if (row.includes(value)) leaks.push(`${name}: ${value}`);
    }
    for (const path of filesUnder(t.config.uploadsDir)) {
      const text = readFileSync(path).toString('latin1');
      for (const value of PERSONAL) if (text.includes(value)) leaks.push(`${path}: ${value}`);
    }
    expect(leaks).toEqual([]);
  });

  it('gives the top platforms and browsers with calls and shares, in total and per API', async () => {
    const { body } = await figures();
    expect(body.totals.devices).toEqual({
      calls: 12,
      platforms: withShares(PLATFORMS),
      userAgents: withShares(USER_AGENTS),
    });
    const api = (key: string) => body.apis.find((a: { apiKey: string }) => a.apiKey === key);
    expect(api(KEPENDUDUKAN).devices).toMatchObject({
      calls: 10,
      platforms: [
        { name: 'Android', calls: 4, share: 0.4 },
        { name: 'Windows', calls: 3 },
        { name: 'Mac OS X', calls: 1 },
        { name: 'UNKNOWN', calls: 1 },
        { name: 'iOS', calls: 1 },
      ],
    });
    expect(api(PAJAK).devices).toEqual({
      calls: 2,
      platforms: [{ name: 'UNKNOWN', calls: 2, share: 1 }],
      userAgents: [
        { name: 'Apache-HttpClient', calls: 1, share: 0.5 },
        { name: 'UNKNOWN', calls: 1, share: 0.5 },
      ],
    });
    // The unit's view counts its own APIs only.
    const own = (await figures(agency, `&unitId=${unit.id}`)).body.totals.devices;
    expect(own.calls).toBe(10);
    expect(own.platforms[0]).toMatchObject({ name: 'Android', calls: 4 });
  });

  it('documents the device fields in the OpenAPI document', async () => {
    const doc = (await http(t.app).get('/api/docs-json').expect(200)).body;
    const ok = doc.paths['/api/v1/agencies/{agencyId}/hub/figures'].get.responses['200'];
    const schema = ok.content['application/json'].schema;
    expect(schema.properties.totals.properties.devices.allOf[0].$ref).toMatch(/DeviceFiguresView$/);
    expect(Object.keys(doc.components.schemas.DeviceFiguresView.properties)).toEqual([
      'calls',
      'platforms',
      'userAgents',
    ]);
  });

  it('shows the "Devices" block on the hub page and the unit page, unknown and others in words', async () => {
    const pct = (calls: number, of = 12) => formatRatio('id', calls / of, 1);
    const text = await page(`/agencies/${agency.id}/hub?year=2024`);
    expect(text).toContain('Perangkat');
    expect(text).toContain('Platform (sistem operasi)');
    expect(text).toContain(`Android 4 ${pct(4)}`);
    expect(text).toContain(`Tidak diketahui 3 ${pct(3)}`);
    expect(text).toContain(`Chrome Mobile WebView 4 ${pct(4)}`);
    expect(text).toContain(`Apache-HttpClient 1 ${pct(1)}`);
    expect(text).toMatch(/12 panggilan respons dari event analitik mentah/);
    expect(text).not.toMatch(/\bUNKNOWN\b/);
    const english = await page(`/agencies/${agency.id}/hub?year=2024&lang=en`);
    expect(english).toContain(`Unknown 3 ${formatRatio('en', 3 / 12, 1)}`);
    const unitText = await page(`/agencies/${agency.id}/hub/units/${unit.id}?year=2024`);
    expect(unitText).toContain(`Android 4 ${pct(4, 10)}`);
    expect(unitText).not.toContain('Apache-HttpClient');
  });

  it('prints the device counts in the agency summary PDF', async () => {
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2024/reports/summary.pdf`)
      .set('Authorization', auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfPageTexts(res.body as Buffer)).join(' ').replace(/\s+/g, ' ');
    const pct = (calls: number) => formatRatio('id', calls / 12, 1);
    expect(text).toContain('Perangkat');
    expect(text).toContain('12 panggilan respons dari event analitik mentah');
    expect(text).toContain(`Android 4 ${pct(4)}`);
    expect(text).toContain(`Tidak diketahui 3 ${pct(3)}`);
    expect(text).toContain(`Chrome Mobile WebView 4 ${pct(4)}`);
    expect(text).toContain(`Safari 1 ${pct(1)}`);
    expect(text).not.toMatch(/\bUNKNOWN\b/);
  });

  it('says "not in the source" for pre-aggregated usage, in the API, on the page and in the PDF', async () => {
    const other = await makeAgency(ds, { code: 'agregat', domain: 'nusa.go.id' });
    const user = await makeUser(ds, 'coordinator', other);
    const otherAuth = `Bearer ${await issueToken(ds, user, 'access')}`;
    await http(t.app)
      .post(`/api/v1/agencies/${other.id}/hub-imports`)
      .set('Authorization', otherAuth)
      .attach(
        'file',
        Buffer.from(
          csv(
            ['hub_id', 'period_start', 'period_end', 'api_id', 'api_name', 'total_calls'],
            [['spl', '2024-02-01', '2024-02-29', 'api-x', 'Pajak', '1200']],
          ),
        ),
        'usage.csv',
      )
      .expect(201);
    const { body } = await http(t.app)
      .get(`/api/v1/agencies/${other.id}/hub/figures?year=2024`)
      .set('Authorization', otherAuth)
      .expect(200);
    expect(body.totals.calls).toBe(1200);
    expect(body.totals.devices).toBeNull();
    expect(body.apis[0].devices).toBeNull();
    const { cookie } = browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));
    const html = await http(t.app)
      .get(`/agencies/${other.id}/hub?year=2024`)
      .set('Cookie', cookie)
      .expect(200);
    expect(visibleText(html.text)).toContain('Tidak ada di sumber data');
    const pdf = await http(t.app)
      .get(`/api/v1/agencies/${other.id}/periods/2024/reports/summary.pdf`)
      .set('Authorization', otherAuth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await pdfPageTexts(pdf.body as Buffer)).join(' ').replace(/\s+/g, ' ')).toContain(
      'Tidak ada di sumber data',
    );
  });

  it('replaces, never adds, the device counts of a file imported again', async () => {
    // The same events once more (another file: a blank line more): the counts stay as they were.
    await push('again.log', Buffer.concat([FIXTURE, Buffer.from('\n')]));
    expect((await figures()).body.totals.devices).toMatchObject({
      calls: 12,
      platforms: withShares(PLATFORMS),
    });
    // The first three lines again: the first day holds their three calls from Android only.
    const firstThree = FIXTURE.toString('utf8').split('\n').slice(0, 3).join('\n') + '\n';
    await push('first-three.log', firstThree);
    const { body } = await figures();
    expect(body.totals.devices.calls).toBe(3 + 2 + 2);
    expect(
      body.totals.devices.platforms.map((d: { name: string; calls: number }) => [d.name, d.calls]),
    ).toEqual([
      ['Android', 4],
      ['UNKNOWN', 2],
      ['Windows', 1],
    ]);
  });
});
