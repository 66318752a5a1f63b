import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../../src/auth/demo-accounts';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** The decisions of README "Security" (issue 17), each as the behaviour a client sees. */
describe('security decisions', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026 });
  });
  afterAll(() => t.close());

  const loginIp = async (app: TestApp, username: string, headers: Record<string, string>) => {
    let req = http(app.app).post('/api/v1/auth/login');
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    await req.send({ username, password: 'not-the-password' }).expect(401);
    const rows: { ip: string }[] = await app.app
      .get(DataSource)
      .query(`SELECT ip FROM audit_log WHERE actor_name = $1 ORDER BY seq DESC LIMIT 1`, [username]);
    return rows[0]?.ip;
  };

  it('lets a leader comment on an indicator (reading and discussing change no data)', async () => {
    const agency = await makeAgency(ds);
    const leader = await makeUser(ds, 'leader', agency);
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/periods/2026/indicators/18/comments`)
      .set('Authorization', `Bearer ${await issueToken(ds, leader)}`)
      .send({ body: 'Mohon dilengkapi sebelum batas waktu.' })
      .expect(201);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy, and sends HSTS only over HTTPS', async () => {
    const forwarded = { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https' };
    expect(await loginIp(t, 'spoofer-a', forwarded)).not.toBe('203.0.113.7');
    const plain = await http(t.app).get('/login').set(forwarded);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const proxied = await createTestApp({ TRUST_PROXY: 'loopback' });
    try {
      expect(await loginIp(proxied, 'spoofer-b', forwarded)).toBe('203.0.113.7');
      const secure = await http(proxied.app).get('/login').set(forwarded);
      expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const insecure = await http(proxied.app).get('/login');
      expect(insecure.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });

  it('keeps any password, the demo one included, out of the OpenAPI document', async () => {
    const docs = await http(t.app).get('/api/docs-json').expect(200);
    expect(docs.text).not.toContain(DEMO_PASSWORD);
  });

  it('refuses a frameworkVersion no stored framework package has', async () => {
    const admin = await makeUser(ds, 'admin', null);
    const auth = `Bearer ${await issueToken(ds, admin)}`;
    const { version } = (await http(t.app).get('/api/v1/periods/2026').set('Authorization', auth)).body as {
      version: number;
    };
    const res = await http(t.app)
      .patch('/api/v1/periods/2026')
      .set('Authorization', auth)
      .send({ version, frameworkVersion: 'spbe-1999' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(
      /frameworkVersion: pilih salah satu dari .*spbe-2020.*spbe-1999 tidak tersimpan/,
    );
  });

  it('answers 404 to hub figures of a unit of another agency', async () => {
    const agency = await makeAgency(ds);
    const foreign = await makeUnit(ds, await makeAgency(ds));
    const own = await makeUnit(ds, agency);
    const auth = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    const figures = (unitId: string) =>
      http(t.app)
        .get(`/api/v1/agencies/${agency.id}/hub/figures?unitId=${unitId}`)
        .set('Authorization', auth);
    await figures(own.id).expect(200);
    await figures(foreign.id).expect(404);
  });

  it('lets a claim without a version overwrite (last write wins), and answers 409 to a stale one', async () => {
    const agency = await makeAgency(ds);
    const auth = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    const url = `/api/v1/agencies/${agency.id}/periods/2026/assessments/18`;
    const claim = (body: object) => http(t.app).put(url).set('Authorization', auth).send(body);
    await claim({ claimedLevel: 2, justification: 'pertama' }).expect(204);
    await claim({ claimedLevel: 3, justification: 'kedua' }).expect(204);
    const stale = await claim({ claimedLevel: 1, justification: 'lama', version: 1 });
    expect(stale.status).toBe(409);
  });
});
