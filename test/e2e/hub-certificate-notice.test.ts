import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { HubHealthScheduler } from '../../src/hub/hub-health.scheduler';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The scheduled SPL check against loopback TLS servers with certificates generated here: the
 * agency's coordinator and operator hear (inbox and mail) about a certificate that expires
 * within 30 days, once, and nothing about one that has months left. Only 127.0.0.1 is contacted.
 */
describe('SPL certificate expiry notices', () => {
  let t: TestApp;
  let ds: DataSource;
  let dir: string;
  let agency: Agency;
  const people: Record<string, User> = {};
  const servers: Server[] = [];
  const urls: Record<string, string> = {};

  async function serveCertificate(name: string, days: number): Promise<void> {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.pem`,
        '-days',
        String(days),
        '-subj',
        `/CN=${name}`,
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    const read = (file: string) => readFileSync(join(dir, file));
    const server = createServer({ key: read(`${name}.key`), cert: read(`${name}.pem`) }, (s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `https://127.0.0.1:${(server.address() as { port: number }).port}/gateway`;
  }

  const notices = async (user: User): Promise<Array<{ url: string }>> =>
    (
      (await ds.query(`SELECT payload FROM notification WHERE user_id = $1 AND kind = 'spl_certificate'`, [
        user.id,
      ])) as Array<{ payload: { url: string } }>
    ).map((r) => ({ url: r.payload.url }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spl-notice-'));
    await serveCertificate('soon', 10);
    await serveCertificate('later', 200);
    t = await createTestApp({
      // Mail is queued in the outbox; no worker sends it, so no SMTP server is contacted.
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'SPBE Tracker <noreply@spbe.example>',
      MAIL_WORKER_INTERVAL_MS: '0',
      MAIL_SCAN_INTERVAL_MS: '0',
    });
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds);
    for (const role of ['coordinator', 'operator', 'leader'] as const)
      people[role] = await makeUser(ds, role, agency, { email: `${role}@kab.example` });
    await ds.query(
      `INSERT INTO hub_instance (agency_id, hub_id, name, level, platform, gateway_base_urls)
       VALUES ($1, 'spl-kab', 'SPL Kabupaten', 'INSTANSI', 'WSO2_APIM_4', $2)`,
      [agency.id, [urls.soon, urls.later]],
    );
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells the coordinator and operator about a certificate expiring within 30 days, in the inbox and by mail', async () => {
    const run = await t.app.get(HubHealthScheduler).runOnce();
    expect(run).toEqual({ checked: 2, notices: 1 });
    expect(await notices(people.operator)).toEqual([{ url: urls.soon }]);
    expect(await notices(people.coordinator)).toEqual([{ url: urls.soon }]);
    expect(await notices(people.leader)).toEqual([]);
    const mails = (await ds.query(
      `SELECT to_address AS "to", payload->>'url' AS url FROM mail_outbox WHERE kind = 'spl_certificate' ORDER BY 1`,
    )) as Array<{ to: string; url: string }>;
    expect(mails).toEqual([
      { to: 'coordinator@kab.example', url: urls.soon },
      { to: 'operator@kab.example', url: urls.soon },
    ]);
    const cookie = browserSession(
      t.config.sessionSecret,
      await issueToken(ds, people.operator, 'session'),
    ).cookie;
    const inbox = await http(t.app).get('/inbox').set('Cookie', cookie).expect(200);
    expect(inbox.text).toContain(urls.soon);
    expect(inbox.text).toContain('sertifikat TLS-nya berlaku sampai');
  });

  it('does not announce the same certificate again on the next run', async () => {
    expect(await t.app.get(HubHealthScheduler).runOnce()).toEqual({ checked: 2, notices: 0 });
    expect(await notices(people.operator)).toHaveLength(1);
  });
});
