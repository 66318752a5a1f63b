import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import type { Role } from '../../src/access/roles';
import { makeAgency, makeApplication, makePeriod, makeUnit, makeUser, issueToken } from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

interface Case {
  area: string;
  who: Role;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: (a: Agency) => string;
  body?: Record<string, unknown>;
  status: number;
  code: string;
  id: RegExp;
  en: RegExp;
}

/**
 * One refusal per area, asked in Indonesian (Accept-Language) and in English (?lang=en): the
 * message is in the language asked for, the code is the same stable catalogue key in both.
 */
const CASES: Case[] = [
  {
    area: 'input hygiene',
    who: 'coordinator',
    method: 'get',
    path: (a) => `/api/v1/agencies/${a.id}/units?q=a&q=b`,
    status: 400,
    code: 'msg.input.once',
    id: /^q: berikan parameter ini satu kali saja\.$/,
    en: /^q: give this parameter once\.$/,
  },
  {
    area: 'agency data (404)',
    who: 'coordinator',
    method: 'get',
    path: (a) => `/api/v1/agencies/${a.id}/units/${randomUUID()}`,
    status: 404,
    code: 'msg.not_found.field',
    id: /^unitId: tidak ditemukan\.$/,
    en: /^unitId: not found\.$/,
  },
  {
    area: 'users',
    who: 'admin',
    method: 'post',
    path: () => '/api/v1/users',
    body: { username: 'lemah.sandi', displayName: 'Lemah', role: 'leader', password: 'short' },
    status: 400,
    code: 'msg.password.problem',
    id: /^password: minimal 10 karakter\.$/,
    en: /^password: must have at least 10 characters\.$/,
  },
  {
    area: 'periods',
    who: 'admin',
    method: 'post',
    path: () => '/api/v1/periods',
    body: { year: 2026, asOf: '2026-10-31' },
    status: 409,
    code: 'msg.periods.exists',
    id: /^year: periode 2026 sudah ada\.$/,
    en: /^year: a period for 2026 exists already\.$/,
  },
  {
    area: 'onboarding',
    who: 'coordinator',
    method: 'put',
    path: (a) => `/api/v1/agencies/${a.id}/onboarding/roles/nobody`,
    body: { version: 0 },
    status: 404,
    code: 'msg.validation.one_of',
    id: /^role: pilih salah satu dari /,
    en: /^role: one of /,
  },
  {
    area: 'interview',
    who: 'coordinator',
    method: 'post',
    path: (a) => `/api/v1/agencies/${a.id}/interview/rounds/${randomUUID()}/answer`,
    body: { comment: 'Sudah kami lengkapi.' },
    status: 404,
    code: 'msg.not_found.field',
    id: /^roundId: tidak ditemukan\.$/,
    en: /^roundId: not found\.$/,
  },
  {
    area: 'bulk import',
    who: 'coordinator',
    method: 'post',
    path: (a) => `/api/v1/agencies/${a.id}/imports/units`,
    status: 400,
    code: 'msg.import.file_required',
    id: /^file: pilih berkas CSV atau XLSX untuk diunggah\.$/,
    en: /^file: choose a CSV or XLSX file to upload\.$/,
  },
  {
    area: 'hub',
    who: 'coordinator',
    method: 'get',
    path: () => '/api/v1/hub/templates/secrets',
    status: 400,
    code: 'msg.validation.one_of',
    id: /^template: pilih salah satu dari usage, uptime, units, hubs\.$/,
    en: /^template: one of usage, uptime, units, hubs\.$/,
  },
  {
    area: 'reports',
    who: 'coordinator',
    method: 'get',
    path: (a) => `/api/v1/agencies/${a.id}/periods/2026/reports/summary.csv?sheet=secrets`,
    status: 400,
    code: 'msg.validation.one_of',
    id: /^sheet: pilih salah satu dari summary, /,
    en: /^sheet: one of summary, /,
  },
  {
    area: 'frameworks',
    who: 'admin',
    method: 'get',
    path: () => '/api/v1/frameworks/spbe-2020/1999.9',
    status: 404,
    code: 'msg.frameworks.not_stored',
    id: /^Kerangka spbe-2020 versi 1999\.9 tidak tersimpan\.$/,
    en: /^Framework spbe-2020 version 1999\.9 is not stored\.$/,
  },
  {
    area: 'levels',
    who: 'coordinator',
    method: 'get',
    path: (a) => `/api/v1/agencies/${a.id}/periods/1999/levels`,
    status: 404,
    code: 'msg.period.none_for_year',
    id: /^Belum ada periode evaluasi 1999\.$/,
    en: /^No evaluation period for 1999\.$/,
  },
];

describe('refusals answer in the language asked for, with a stable code', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds);
    await makeApplication(ds, await makeUnit(ds, agency));
    for (const role of ['admin', 'coordinator'] as const)
      tokens.set(role, await issueToken(ds, await makeUser(ds, role, role === 'admin' ? null : agency)));
  });
  afterAll(() => t.close());

  const call = (c: Case, lang: 'id' | 'en') => {
    const path = c.path(agency);
    const url = lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
    const req = http(t.app)
      [c.method](url)
      .set('Authorization', `Bearer ${tokens.get(c.who)}`)
      .set('Accept-Language', lang === 'en' ? 'id' : 'id-ID,id;q=0.9,en;q=0.5');
    return c.body ? req.send(c.body) : req;
  };

  it.each(CASES.map((c) => [c.area, c] as const))('%s', async (_area, c) => {
    const id = await call(c, 'id');
    const en = await call(c, 'en');
    for (const res of [id, en]) {
      expect(res.status).toBe(c.status);
      expect(res.body).toMatchObject({ statusCode: c.status, code: c.code });
      expect(typeof res.body.requestId).toBe('string');
    }
    expect(id.body.message).toMatch(c.id);
    expect(en.body.message).toMatch(c.en);
  });

  it('answers a failed API login in the language asked for, with its code', async () => {
    const login = (query: string) =>
      http(t.app)
        .post(`/api/v1/auth/login${query}`)
        .send({ username: 'tidak-ada', password: 'salah-sekali-kata-sandinya' });
    const id = await login('');
    const en = await login('?lang=en');
    expect([id.status, en.status]).toEqual([401, 401]);
    expect([id.body.code, en.body.code]).toEqual(['login.failed', 'login.failed']);
    expect(id.body.message).toBe('Nama pengguna atau kata sandi salah.');
    expect(en.body.message).toBe('Username or password is wrong.');
  });
});
