import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Application } from '../../src/applications/application.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

async function xlsx(rows: (string | boolean)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Aplikasi');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('bulk import of units and applications', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let coordinator: User;
  let bearer: string;
  const upload = (kind: string, file: Buffer, name: string, dryRun?: string) => {
    const req = http(t.app)
      .post(`/api/v1/agencies/${agency.id}/imports/${kind}`)
      .set('Authorization', bearer);
    if (dryRun !== undefined) void req.field('dryRun', dryRun);
    return req.attach('file', file, name);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds);
    coordinator = await makeUser(ds, 'coordinator', agency);
    bearer = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
  });
  afterAll(() => t.close());

  it('lists per-row errors of a semicolon CSV with a BOM and imports nothing', async () => {
    const csv =
      '\uFEFFcode;name;kind;in_scope;out_of_scope_reason\nDINKES;Dinas Kesehatan;dinas;ya;\n' +
      'DINKES;Lagi;dinas;ya;\nKEC;Kecamatan;castle;tidak;\n;Tanpa kode;badan;maybe;\n';
    const res = await upload('units', Buffer.from(csv), 'units.csv', 'false').expect(422);
    expect(res.body).toMatchObject({ imported: false, created: 0 });
    // Each problem in Indonesian (the default), with the catalogue key as its stable code.
    expect(res.body.errors).toEqual([
      { row: 3, field: 'code', code: 'msg.import.row.duplicate', message: 'sama dengan baris 2' },
      {
        row: 4,
        field: 'kind',
        code: 'msg.import.row.unknown_kind',
        message: expect.stringMatching(/^jenis "castle" tidak dikenal/),
      },
      {
        row: 4,
        field: 'out_of_scope_reason',
        code: 'msg.import.row.reason_required',
        message: 'wajib diisi bila unit di luar cakupan',
      },
      { row: 5, field: 'code', code: 'msg.import.row.required', message: 'wajib diisi' },
      {
        row: 5,
        field: 'in_scope',
        code: 'msg.import.row.in_scope',
        message: 'gunakan ya/tidak (atau yes/no, true/false), bukan "maybe"',
      },
    ]);
    expect(await ds.getRepository(Unit).count({ where: { agencyId: agency.id } })).toBe(0);
  });

  it('checks a clean file in a dry run, imports it, and reports a re-import as unchanged', async () => {
    const csv =
      'code,name,kind,in_scope,out_of_scope_reason\nBKD,Badan Kepegawaian,agency,yes,\nKEC-9,Kecamatan Sembilan,kecamatan,false,Tanpa aplikasi\n';
    const dry = await upload('units', Buffer.from(csv), 'units.csv').expect(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      imported: false,
      errors: [],
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await ds.getRepository(Unit).count({ where: { agencyId: agency.id } })).toBe(0);
    const real = await upload('units', Buffer.from(csv), 'units.csv', 'false').expect(200);
    expect(real.body).toMatchObject({ imported: true, created: 2, updated: 0, unchanged: 0 });
    const kec = await ds.getRepository(Unit).findOneByOrFail({ agencyId: agency.id, code: 'KEC-9' });
    expect(kec).toMatchObject({ kind: 'kecamatan', inScope: false, outOfScopeReason: 'Tanpa aplikasi' });
    const again = await upload(
      'units',
      Buffer.from(csv.replace('Badan Kepegawaian', 'BKPSDM')),
      'units.csv',
      'false',
    ).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it('imports applications from XLSX with aliases, after checking unit codes', async () => {
    await makeUnit(ds, agency, { code: 'DISKOMINFO' });
    const bad = await xlsx([
      ['unit_code', 'name', 'description', 'exchange'],
      ['DISKOMINFO', 'Portal Data', 'Satu data', 'melalui SPL'],
      ['NOPE', 'Hilang', '', 'spl'],
      ['DISKOMINFO', 'Surat', '', 'lewat pos'],
    ]);
    const dry = await upload('applications', bad, 'apps.xlsx').expect(200);
    expect(dry.body.errors).toEqual([
      {
        row: 3,
        field: 'unit_code',
        code: 'msg.import.row.no_unit',
        message: expect.stringMatching(/^tidak ada unit kerja berkode "NOPE"/),
      },
      {
        row: 4,
        field: 'exchange',
        code: 'msg.import.row.unknown_exchange',
        message: expect.stringMatching(/^cara pertukaran data "lewat pos" tidak dikenal/),
      },
    ]);
    const english = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/imports/applications?lang=en`)
      .set('Authorization', bearer)
      .attach('file', bad, 'apps.xlsx')
      .expect(200);
    expect(english.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'no unit with code "NOPE" in this agency; import the units first',
      'unknown exchange "lewat pos"; use spl, point_to_point or none',
    ]);
    const good = await xlsx([
      ['Unit Code', 'Name', 'Description', 'Exchange'],
      ['DISKOMINFO', 'Portal Data', 'Satu data', 'melalui SPL'],
      ['DISKOMINFO', 'Surat', '', 'host-to-host'],
    ]);
    const real = await upload('applications', good, 'apps.xlsx', 'false').expect(200);
    expect(real.body).toMatchObject({ imported: true, created: 2 });
    const apps = await ds
      .getRepository(Application)
      .find({ where: { agencyId: agency.id }, order: { name: 'ASC' } });
    expect(apps.map((a) => [a.name, a.exchange])).toEqual([
      ['Portal Data', 'spl'],
      ['Surat', 'point_to_point'],
    ]);
    const again = await upload('applications', good, 'apps.xlsx', 'false').expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('offers templates and an upload page that works without JavaScript', async () => {
    const template = await http(t.app)
      .get('/api/v1/imports/templates/units.csv')
      .set('Authorization', bearer)
      .expect(200);
    expect(template.headers['content-type']).toMatch(/text\/csv/);
    expect(template.text.split('\n')[0]).toBe('code,name,kind,in_scope,out_of_scope_reason');
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    const page = await http(t.app).get(`/agencies/${agency.id}/import`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain(`name="_csrf" value="${csrf}"`);
    expect(page.text).not.toContain('?_csrf=');
    const posted = await http(t.app)
      .post(`/agencies/${agency.id}/import/units`)
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .field('_csrf', csrf)
      .field('dryRun', 'true')
      .attach('file', Buffer.from('code,name\nX1,Unit X\n'), 'u.csv')
      .expect(200);
    expect(posted.text).toContain('1 baris: 1 baru');
    const refused = await http(t.app)
      .post(`/agencies/${agency.id}/import/units`)
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .field('_csrf', csrf)
      .field('dryRun', 'true')
      .attach('file', Buffer.from('code,name\nX1,\n'), 'u.csv')
      .expect(422);
    expect(refused.text).toContain('<td>wajib diisi</td>');
    await http(t.app)
      .post(`/agencies/${agency.id}/import/units`)
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .attach('file', Buffer.from('code,name\nX1,Unit X\n'), 'u.csv')
      .expect(403);
  });

  it('refuses files over 5 MB', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
    await upload('units', big, 'big.csv').expect(413);
  });
});
