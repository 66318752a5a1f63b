import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('stage moves and freezing ask first', () => {
  let t: TestApp;
  let ds: DataSource;
  let period: Period;
  let submitted: Agency;
  let silent: Agency;
  let admin: User;
  let session: { cookie: string; csrf: string };

  const page = (path: string) =>
    http(t.app).get(path).set('Cookie', session.cookie).set('Accept', 'text/html');
  const form = (path: string, fields: Record<string, string | string[]>) =>
    http(t.app)
      .post(path)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: session.csrf, ...fields });
  const stage = async () => (await ds.query('SELECT stage FROM period WHERE id = $1', [period.id]))[0].stage;
  const frozen = async () =>
    (await ds.query('SELECT agency_id FROM agency_freeze WHERE period_id = $1', [period.id])).map(
      (r: { agency_id: string }) => r.agency_id,
    );

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026, stage: 'interview' });
    submitted = await makeAgency(ds, { name: 'Kota Sudah Kirim' });
    silent = await makeAgency(ds, { name: 'Kabupaten Belum Kirim' });
    await makeUnit(ds, submitted);
    await makeUnit(ds, silent);
    admin = await makeUser(ds, 'admin', null);
    const coordinator = await makeUser(ds, 'coordinator', submitted);
    await ds.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, $3, 'x', '{}')`,
      [submitted.id, period.id, coordinator.id],
    );
    session = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
  });
  afterAll(() => t.close());

  it('shows what a stage move does and moves only once confirmed', async () => {
    const periods = await page('/periods?year=2026').expect(200);
    expect(periods.text).toContain('method="get" action="/periods/2026/stage"');
    const unconfirmed = await form('/periods/2026/stage', { stage: 'final', version: '1' }).expect(303);
    expect(unconfirmed.headers.location).toBe('/periods/2026/stage?stage=final');
    expect(await stage()).toBe('interview');

    const confirm = await page('/periods/2026/stage?stage=final').expect(200);
    expect(confirm.text).toContain('Periode 2026 akan dipindahkan dari tahapan Interviu ke tahapan Final');
    expect(confirm.text).toMatch(/id="stage-not-submitted">\s*<li>Kabupaten Belum Kirim<\/li>/);
    expect(confirm.text).toContain('id="stage-closing"');
    const version = /name="version" value="(\d+)"/.exec(confirm.text)![1];
    const moved = await form('/periods/2026/stage', { stage: 'final', version, confirmed: 'yes' }).expect(
      303,
    );
    expect(moved.headers.location).toBe('/periods?year=2026&done=moved');
    expect(await stage()).toBe('final');
  });

  it('lists every agency before freezing, ticking only those that submitted', async () => {
    const confirm = await page('/periods/2026/freeze').expect(200);
    const box = (agency: Agency) =>
      new RegExp(`<input type="checkbox" name="agencyIds" value="${agency.id}" ?(checked)?>`).exec(
        confirm.text,
      );
    expect(box(submitted)?.[1]).toBe('checked');
    expect(box(silent)).not.toBeNull();
    expect(box(silent)?.[1]).toBeUndefined();
    expect(confirm.text).toContain('1 instansi belum pernah mengirim penilaian mandiri');
  });

  it('refuses to freeze an agency that never submitted without the explicit choice', async () => {
    const refused = await form('/periods/2026/freeze', { agencyIds: [silent.id] }).expect(400);
    expect(refused.text).toContain(
      'Instansi berikut belum mengirim penilaian mandiri: Kabupaten Belum Kirim',
    );
    expect(refused.text).toMatch(new RegExp(`value="${silent.id}" checked`));
    expect(await frozen()).toEqual([]);
    await form('/periods/2026/freeze', {}).expect(400);
    expect(await frozen()).toEqual([]);
  });

  it('freezes one agency from the page, and a freeze of all through the API leaves out who never submitted', async () => {
    const done = await form('/periods/2026/freeze', { agencyIds: [submitted.id] }).expect(303);
    expect(done.headers.location).toBe('/periods?year=2026&done=frozen');
    expect(await frozen()).toEqual([submitted.id]);
    const all = await http(t.app)
      .post('/api/v1/periods/2026/freeze')
      .set('Authorization', `Bearer ${await issueToken(ds, admin)}`)
      .send({})
      .expect(201);
    expect(all.body).toMatchObject({ frozen: [], alreadyFrozen: [submitted.id], notSubmitted: [silent.id] });
    await form('/periods/2026/freeze', { agencyIds: [silent.id], includeUnsubmitted: 'true' }).expect(303);
    expect((await frozen()).sort()).toEqual([submitted.id, silent.id].sort());
  });
});
