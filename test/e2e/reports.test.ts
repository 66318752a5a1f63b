import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import * as yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeApplication,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { binary, browserSession, http } from '../support/http';
import { collect, spawnEntry } from '../support/process';
import { TestApp, createTestApp } from '../support/test-app';

const PDF_FILE = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const FORMULA = '=HYPERLINK("http://evil.example","klik")';

/** Response bodies as raw bytes, whatever their type. */

const pdfPages = pdfPageTexts;

async function zipEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const out = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
      out.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return out;
}

function writeZip(file: string, entries: Map<string, Buffer>): Promise<void> {
  const zip = new ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      writeFileSync(file, Buffer.concat(chunks));
      resolve();
    });
    zip.outputStream.on('error', reject);
  });
}

describe('reports', () => {
  let t: TestApp;
  let ds: DataSource;
  let period: Period;
  let agency: Agency;
  let other: Agency;
  let units: Unit[];
  const tokens: Record<string, string> = {};
  const users: Record<string, User> = {};
  const uploaded: { sha256: string; title: string }[] = [];
  let tmp: string;

  const base = () => `/api/v1/agencies/${agency.id}/periods/2026/reports`;
  const get = (path: string, who: string) =>
    http(t.app).get(path).set('Authorization', `Bearer ${tokens[who]}`).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    tmp = mkdtempSync(join(tmpdir(), 'spbe-reports-test-'));
    period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds, {
      name: 'Pemerintah Kabupaten Nusa Makmur',
      code: 'kab-nusa-makmur',
      areaCode: '33.01',
    });
    other = await makeAgency(ds, {
      name: 'Pemerintah Kota Tirta Sari',
      code: 'kota-tirta-sari',
      areaCode: '34.71',
    });
    units = [
      await makeUnit(ds, agency, { code: 'DINKES', name: 'Dinas Kesehatan' }),
      await makeUnit(ds, agency, { code: 'DISDUK', name: 'Dinas Kependudukan dan Pencatatan Sipil' }),
      await makeUnit(ds, agency, { code: 'XSS', name: FORMULA }),
    ];
    await makeApplication(ds, units[0], 'spl', { name: 'SIMPUS' });
    await makeApplication(ds, units[1], 'spl', { name: 'SIAK' });
    await makeApplication(ds, units[2], 'point_to_point', { name: '+SUM(1,2)' });
    const roles: [string, Parameters<typeof makeUser>[1], Agency | null][] = [
      ['coordinator', 'coordinator', agency],
      ['operator', 'operator', agency],
      ['leader', 'leader', agency],
      ['evaluator', 'evaluator', null],
      ['stranger', 'evaluator', null],
      ['national', 'leader', null],
      ['admin', 'admin', null],
      ['otherCoordinator', 'coordinator', other],
    ];
    for (const [key, role, a] of roles) {
      users[key] = await makeUser(ds, role, a);
      tokens[key] = await issueToken(ds, users[key]);
    }
    await assignEvaluator(ds, users.evaluator, agency, period);
    for (const [i, unit] of units.slice(0, 2).entries()) {
      const file = Buffer.concat([PDF_FILE, Buffer.from(`daftar api ${i}`)]);
      const res = await http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence`)
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .field('kind', 'api_list')
        .field('title', `Daftar API ${unit.code}`)
        .field('documentDate', '2026-03-01')
        .field('indicators', '18')
        .field('unitIds', unit.id)
        .attach('files', file, `daftar-api-${unit.code}.pdf`)
        .expect(201);
      uploaded.push({ sha256: sha(file), title: `Daftar API ${unit.code}` });
      await http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence/${res.body.id}/status`)
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .send({ status: 'submitted' })
        .expect(201);
    }
    await http(t.app)
      .put(`/api/v1/agencies/${agency.id}/periods/2026/assessments/18`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send({ claimedLevel: 3, justification: 'Semua aplikasi melalui SPL.' })
      .expect((r) => expect(r.status).toBeLessThan(300));
  });
  afterAll(async () => {
    await t.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  describe('agency summary PDF', () => {
    it('streams an attachment named after the agency and year, with the results a leader reads', async () => {
      const res = await get(`${base()}/summary.pdf`, 'leader').expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="spbe-kab-nusa-makmur-2026-ringkasan\.pdf"/,
      );
      const pages = await pdfPages(res.body as Buffer);
      const text = pages.join('\n');
      expect(pages.length).toBeGreaterThanOrEqual(4);
      expect(text).toContain('Pemerintah Kabupaten Nusa Makmur');
      expect(text).toContain('Ringkasan Penilaian SPBE');
      expect(text).toMatch(/Indikator 18: [^(]+\(bobot 2,5%\)/);
      for (const label of ['Nilai mandiri', 'Didukung bukti', 'Terverifikasi', 'Nilai akhir'])
        expect(text).toContain(label);
      expect(text).toMatch(/Didukung bukti\s+2\s+Terkelola/);
      expect(text).toContain('Dinas Kependudukan dan Pencatatan Sipil');
      expect(text).toContain('Sebaran level unit');
      for (const u of uploaded) expect(text.replace(/\s+/g, '')).toContain(u.sha256);
      expect(text).toContain('Memuaskan');
    });

    it("shows every official criteria column with the agency's items under each numbered evidence item, and the readings", async () => {
      const pages = await pdfPages((await get(`${base()}/summary.pdf`, 'leader').expect(200)).body as Buffer);
      const text = pages.join(' ').replace(/\s+/g, ' ');
      for (const label of ['Penjelasan Penilaian', 'Kriteria Pemenuhan Level', 'Kriteria Bukti Dukung 2'])
        expect(text).toContain(label);
      expect(text).toMatch(
        /Bukti dukung instansi: Daftar API (DINKES|DISDUK) \(Diajukan\); Daftar API (DINKES|DISDUK)/,
      );
      expect(text).toContain('Bukti dukung instansi: belum ada');
      expect(text).toContain('Tafsiran yang digunakan');
      expect(text).toContain('12 bulan (bawaan edisi B)');
    });

    it('marks every page DRAF until the results are final, and numbers pages "X dari Y"', async () => {
      const pages = await pdfPages(
        (await get(`${base()}/summary.pdf`, 'coordinator').expect(200)).body as Buffer,
      );
      pages.forEach((page, i) => {
        expect(page).toContain('DRAF');
        expect(page).toContain(`Halaman ${i + 1} dari ${pages.length}`);
      });
    });

    it('is in English with ?lang=en', async () => {
      const res = await get(`${base()}/summary.pdf?lang=en`, 'leader').expect(200);
      expect(res.headers['content-disposition']).toContain('spbe-kab-nusa-makmur-2026-summary.pdf');
      const pages = await pdfPages(res.body as Buffer);
      expect(pages.join('\n')).toContain('SPBE Assessment Summary');
      expect(pages.join('\n')).toContain('Managed');
      pages.forEach((page, i) => {
        expect(page).toContain('DRAFT');
        expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      });
    });
  });

  describe('spreadsheet', () => {
    it('has one sheet per topic with a frozen header, the evidence hashes and neutralised formulas', async () => {
      const res = await get(`${base()}/summary.xlsx?lang=en`, 'evaluator').expect(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Summary',
        'Units',
        'Applications',
        'Evidence',
        'Levels',
        'Gaps',
        'Reviews',
      ]);
      for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const evidence = wb.getWorksheet('Evidence')!;
      const header = (evidence.getRow(1).values as string[]).slice(1);
      const shaColumn = header.indexOf('SHA-256') + 1;
      const hashes = [2, 3].map((r) => evidence.getRow(r).getCell(shaColumn).value);
      expect(hashes.sort()).toEqual(uploaded.map((u) => u.sha256).sort());
      const unitsSheet = wb.getWorksheet('Units')!;
      const names = unitsSheet.getColumn(2).values.slice(2);
      expect(names).toContain(`'${FORMULA}`);
      expect(names).toContain('Dinas Kesehatan');
      expect(unitsSheet.getColumn(2).values.some((v) => typeof v === 'object' && v !== null)).toBe(false);
      const levels = wb.getWorksheet('Levels')!;
      const rows = levels.getSheetValues().slice(2) as unknown[][];
      expect(rows.map((r) => r.slice(1, 5))).toContainEqual([18, expect.any(String), 'Claimed', 3]);
      expect(rows.map((r) => r.slice(1, 5))).toContainEqual([18, expect.any(String), 'Supported', 2]);
      // Gaps are words in the spreadsheet; the engine's codes stay in the JSON report.
      const gaps = wb.getWorksheet('Gaps')!;
      expect((gaps.getRow(1).values as string[]).slice(1)).toEqual([
        'Indicator',
        'To level',
        'Gap',
        'What is missing',
      ]);
      const gapCells = (gaps.getSheetValues().slice(2) as unknown[][]).map((r) => String(r[3]));
      expect(gapCells.length).toBeGreaterThan(0);
      for (const cell of gapCells) expect(cell).not.toMatch(/^I\d+_|[A-Z]{2,}_[A-Z]/);
      expect(gapCells.some((c) => /^[a-z][a-z ,0-9]+$/.test(c))).toBe(true);
    });

    it('gives one topic as CSV with a byte order mark and neutralised cells, and names a wrong sheet', async () => {
      const res = await get(`${base()}/summary.csv?sheet=applications`, 'coordinator').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text).toContain("'+SUM(1,2)");
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
      expect(text).not.toMatch(/^=|,=/m);
      const bad = await http(t.app)
        .get(`${base()}/summary.csv?sheet=secrets`)
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .expect(400);
      expect(bad.body.message).toMatch(/^sheet: pilih salah satu dari summary, units/);
      expect(bad.body.code).toBe('msg.validation.one_of');
    });
  });

  describe('evidence package', () => {
    let file: string;

    beforeAll(async () => {
      const res = await get(`${base()}/evidence.zip`, 'evaluator').expect(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toContain('spbe-kab-nusa-makmur-2026-bukti-dukung.zip');
      file = join(tmp, 'package.zip');
      writeFileSync(file, res.body as Buffer);
    });

    it('holds every file under a manifest whose hashes match, and the facts that reproduce the levels', async () => {
      const entries = await zipEntries(file);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      expect(manifest.files).toHaveLength(2);
      for (const f of manifest.files) {
        expect(entries.has(f.path)).toBe(true);
        expect(sha(entries.get(f.path)!)).toBe(f.sha256);
        expect(f).toMatchObject({
          kind: 'api_list',
          status: 'submitted',
          missing: false,
          matchesRecordedHash: true,
        });
      }
      expect(manifest.files.map((f: { sha256: string }) => f.sha256).sort()).toEqual(
        uploaded.map((u) => u.sha256).sort(),
      );
      const csv = entries.get('manifest.csv')!.toString('utf8');
      for (const u of uploaded) expect(csv).toContain(u.sha256);
      const levels = await http(t.app)
        .get(`/api/v1/agencies/${agency.id}/periods/2026/levels`)
        .set('Authorization', `Bearer ${tokens.evaluator}`)
        .expect(200);
      expect(sha(entries.get('facts.json')!)).toBe(levels.body.factsHash);
      expect(manifest.facts.sha256).toBe(levels.body.factsHash);
    });

    it('passes `evidence verify-package`, and fails it once a file is changed', async () => {
      // Indonesian by default, English with --lang en.
      const verify = (...args: string[]) =>
        collect(spawnEntry('src/cli.ts', ['evidence', 'verify-package', ...args], { SPBE_LANG: undefined }));
      const good = await verify(file);
      expect(good.stdout).toContain(`${file}: SESUAI\ndiperiksa: 2\n`);
      expect(good.code).toBe(0);
      const english = await verify(file, '--lang', 'en');
      expect(english.stdout).toContain(`${file}: OK\nchecked: 2\n`);
      expect(english.code).toBe(0);
      const entries = await zipEntries(file);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      const victim = manifest.files[0].path as string;
      entries.set(victim, Buffer.concat([entries.get(victim)!, Buffer.from('tampered')]));
      entries.set('files/extra.pdf', PDF_FILE);
      const tampered = join(tmp, 'tampered.zip');
      await writeZip(tampered, entries);
      const bad = await verify(tampered, '--lang', 'en');
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('FAILED');
      expect(bad.stdout).toContain(`mismatch: ${victim}`);
      expect(bad.stdout).toContain('not in the manifest: files/extra.pdf');
      const buruk = await verify(tampered);
      expect(buruk.code).toBe(1);
      expect(buruk.stdout).toContain(`${tampered}: GAGAL`);
      expect(buruk.stdout).toContain(`tidak cocok: ${victim}`);
      expect(buruk.stdout).toContain('tidak tercantum di manifes: files/extra.pdf');
      const junk = join(tmp, 'junk.zip');
      writeFileSync(junk, 'not a zip');
      const unreadable = await verify(junk);
      expect(unreadable.code).toBe(2);
      expect(unreadable.stderr).toContain(`Galat: ${junk} bukan arsip zip yang dapat dibaca`);
    });
  });

  describe('access', () => {
    it('lets the agency leader, coordinator and assigned evaluator download, and nobody else', async () => {
      for (const who of ['leader', 'coordinator', 'evaluator', 'admin', 'national'])
        await get(`${base()}/summary.xlsx`, who).expect(200);
      await get(`${base()}/summary.pdf`, 'operator').expect(403);
      for (const who of ['otherCoordinator', 'stranger']) {
        for (const path of ['summary.pdf', 'summary.xlsx', 'summary.csv', 'evidence.zip'])
          await get(`${base()}/${path}`, who).expect(404);
      }
    });

    it('answers 404 for a period that does not exist', async () => {
      await get(`/api/v1/agencies/${agency.id}/periods/1999/reports/summary.pdf`, 'leader').expect(404);
    });
  });

  describe('roll-up', () => {
    it('lists every agency for national readers and only the reachable ones for others', async () => {
      const all = await pdfPages(
        (await get('/api/v1/periods/2026/reports/rollup.pdf', 'national').expect(200)).body as Buffer,
      );
      const text = all.join('\n');
      expect(text).toContain('Rekapitulasi SPBE Indikator 7 dan 18 Tahun 2026');
      expect(text).toContain('Pemerintah Kabupaten Nusa Makmur');
      expect(text).toContain('Pemerintah Kota Tirta Sari');
      expect(text).toContain('Kekurangan yang paling umum');
      all.forEach((page, i) => {
        expect(page).toContain('DRAF');
        expect(page).toContain(`Halaman ${i + 1}`);
      });
      for (const who of ['coordinator', 'evaluator']) {
        const scoped = (
          await pdfPages(
            (await get('/api/v1/periods/2026/reports/rollup.pdf', who).expect(200)).body as Buffer,
          )
        ).join('\n');
        expect(scoped).toContain('Pemerintah Kabupaten Nusa Makmur');
        expect(scoped).not.toContain('Tirta Sari');
      }
      const province = (
        await pdfPages(
          (await get('/api/v1/periods/2026/reports/rollup.pdf?area=34&lang=en', 'admin').expect(200))
            .body as Buffer,
        )
      ).join('\n');
      expect(province).toContain('Roll-up 2026');
      expect(province).toContain('Tirta Sari');
      expect(province).not.toContain('Nusa Makmur');
    });

    it('refuses an unknown basis with a message naming the field', async () => {
      const res = await http(t.app)
        .get('/api/v1/periods/2026/reports/rollup.pdf?basis=guess')
        .set('Authorization', `Bearer ${tokens.admin}`)
        .expect(400);
      expect(JSON.stringify(res.body.message)).toContain('basis');
    });

    it('runs as a background job from the reports page, which shows progress and then the file', async () => {
      const session = await issueToken(ds, users.admin, 'session');
      const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
      const started = await http(t.app)
        .post('/reports/rollup')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, year: '2026', basis: 'verified', area: '', kind: '', lang: 'id' })
        .expect(303);
      const jobUrl = started.headers.location as string;
      expect(jobUrl).toMatch(/^\/reports\/jobs\/[0-9a-f-]{36}$/);
      let page = await http(t.app).get(jobUrl).set('Cookie', cookie).expect(200);
      // The job goes through the queue, which workers poll once a second.
      for (let i = 0; i < 150 && page.headers.refresh; i++) {
        await new Promise((r) => setTimeout(r, 200));
        page = await http(t.app).get(jobUrl).set('Cookie', cookie).expect(200);
      }
      expect(page.text).toContain(`${jobUrl}/rollup.pdf`);
      const file = await http(t.app)
        .get(`${jobUrl}/rollup.pdf`)
        .set('Cookie', cookie)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect((await pdfPages(file.body as Buffer)).join('\n')).toContain('Basis: Terverifikasi');
      const otherSession = browserSession(
        t.config.sessionSecret,
        await issueToken(ds, users.national, 'session'),
      );
      await http(t.app).get(jobUrl).set('Cookie', otherSession.cookie).expect(404);
    });
  });

  describe('pages', () => {
    it('offers the downloads on the dashboard and the reports page, to readers of reports only', async () => {
      const leader = browserSession(t.config.sessionSecret, await issueToken(ds, users.leader, 'session'));
      const dashboard = await http(t.app)
        .get(`/agencies/${agency.id}`)
        .set('Cookie', leader.cookie)
        .expect(200);
      expect(dashboard.text).toContain(`${base()}/summary.pdf?lang=id`);
      expect(dashboard.text).toContain(`${base()}/evidence.zip`);
      const reports = await http(t.app).get('/reports').set('Cookie', leader.cookie).expect(200);
      expect(reports.text).toContain(`${base()}/summary.xlsx`);
      expect(reports.text).not.toContain(other.id);
      const operator = browserSession(
        t.config.sessionSecret,
        await issueToken(ds, users.operator, 'session'),
      );
      const seen = await http(t.app).get(`/agencies/${agency.id}`).set('Cookie', operator.cookie).expect(200);
      expect(seen.text).not.toContain('/reports/summary.pdf');
      await http(t.app).get('/reports').set('Cookie', operator.cookie).expect(403);
    });
  });
});
