import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { issueToken, makeAgency, makeApplication, makePeriod, makeUnit, makeUser } from '../factories';
import { binary, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('reports of a final period', () => {
  let t: TestApp;
  let agency: Agency;
  let admin: string;
  let leader: string;

  const download = (path: string, token: string) =>
    http(t.app).get(path).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary).expect(200);
  const summary = () => download(`/api/v1/agencies/${agency.id}/periods/2026/reports/summary.pdf`, leader);

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds, { name: 'Pemerintah Kota Beku' });
    await makeApplication(ds, await makeUnit(ds, agency), 'spl');
    admin = await issueToken(ds, await makeUser(ds, 'admin', null));
    leader = await issueToken(ds, await makeUser(ds, 'leader', agency));
    const period = await http(t.app)
      .get('/api/v1/periods/2026')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    await http(t.app)
      .put('/api/v1/periods/2026/stage')
      .set('Authorization', `Bearer ${admin}`)
      .send({ stage: 'final', version: period.body.version })
      .expect(200);
  });
  afterAll(() => t.close());

  it('stays a draft at the final stage until the agency’s results are frozen, then states the snapshot hash', async () => {
    for (const page of await pdfPageTexts((await summary()).body as Buffer)) expect(page).toContain('DRAF');
    const frozen = await http(t.app)
      .post('/api/v1/periods/2026/freeze')
      .set('Authorization', `Bearer ${admin}`)
      .send({ agencyIds: [agency.id] })
      .expect(201);
    const hash = frozen.body.frozen[0].snapshotHash as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const pages = await pdfPageTexts((await summary()).body as Buffer);
    for (const page of pages) expect(page).not.toContain('DRAF');
    expect(pages[0]).toContain(hash);
    expect(pages[0]).toContain('Hasil final');
    expect(pages[pages.length - 1]).toContain(`Hash snapshot beku ${hash.slice(0, 16)}`);

    const xlsx = await download(`/api/v1/agencies/${agency.id}/periods/2026/reports/summary.xlsx`, leader);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    const rows = wb.getWorksheet('Ringkasan')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r.slice(1, 3))).toContainEqual(['Hash snapshot beku', hash]);
    expect(rows.map((r) => r.slice(1, 3))).toContainEqual(['Status', 'Final']);
  });

  it('has no draft mark on the roll-up of a final period', async () => {
    const pages = await pdfPageTexts(
      (await download('/api/v1/periods/2026/reports/rollup.pdf', admin)).body as Buffer,
    );
    expect(pages.join('\n')).toContain('Pemerintah Kota Beku');
    for (const page of pages) expect(page).not.toContain('DRAF');
  });
});
