import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('page confirmations', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let unit: Unit;
  let coordinator: User;
  let session: { cookie: string; csrf: string };

  const page = (path: string) =>
    http(t.app).get(path).set('Cookie', session.cookie).set('Accept', 'text/html');
  const form = (path: string, fields: Record<string, string>) =>
    http(t.app)
      .post(path)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: session.csrf, ...fields });

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026 });
    agency = await makeAgency(ds, { name: 'Kota Konfirmasi' });
    unit = await makeUnit(ds, agency, { name: 'Dinas Pendidikan' });
    coordinator = await makeUser(ds, 'coordinator', agency);
    session = browserSession(t.config.sessionSecret, await issueToken(ds, coordinator, 'session'));
  });
  afterAll(() => t.close());

  it('lands on the applications list with a confirmation after adding an application', async () => {
    const created = await form(`/agencies/${agency.id}/applications`, {
      unitId: unit.id,
      name: 'SIMPEG Baru',
    }).expect(303);
    const landing = await page(created.headers.location as string).expect(200);
    expect(landing.text).toContain('Data baru tersimpan.');
    expect(landing.text).toContain('SIMPEG Baru');
    expect(landing.text).not.toContain('error.400');
  });

  it.each([
    ['units?deleted=1', 'Data dihapus.'],
    ['applications?deleted=1', 'Data dihapus.'],
    ['integrations?saved=1', 'Perubahan tersimpan.'],
    ['evidence?status=draft&carried=3', '3 bukti disalin dari periode sebelumnya sebagai draf'],
  ])('answers the list page %s with the confirmation it stands for', async (path, notice) => {
    const res = await page(`/agencies/${agency.id}/${path}`).expect(200);
    expect(res.text).toContain(notice);
  });

  it('shows the unit’s level, coverage and gaps on its page, linked from the dashboard rows', async () => {
    const dashboard = await page(`/agencies/${agency.id}`).expect(200);
    expect(dashboard.text).toContain(
      `<a href="/agencies/${agency.id}/units/${unit.id}">Dinas Pendidikan</a>`,
    );
    const detail = await page(`/agencies/${agency.id}/units/${unit.id}`).expect(200);
    expect(detail.text).toContain('Hasil unit pada periode 2026 (Indikator 18)');
    expect(detail.text).toMatch(/<dt>Cakupan<\/dt><dd>\d+%<\/dd>/);
    expect(detail.text).toContain('Yang kurang untuk level');
    expect(detail.text).toMatch(/id="unit-gaps"><li>[^<]+<\/li>/);
  });

  it('keeps refusing an unknown filter on the list pages and the API', async () => {
    await page(`/agencies/${agency.id}/units?colour=red`).expect(400);
    await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/units?deleted=1`)
      .set('Authorization', `Bearer ${await issueToken(ds, coordinator)}`)
      .expect(400);
  });
});
