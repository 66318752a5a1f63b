import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { Evidence } from '../../src/evidence/evidence.entity';
import { NationalRecompute } from '../../src/levels/national-recompute';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makeApplication, makePeriod, makeUnit, makeUser } from '../factories';
import { http } from '../support/http';
import { collect, spawnEntry } from '../support/process';
import { TestApp, createTestApp } from '../support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe('evidence', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let unit: Unit;
  let operator: User;
  let auth: string;

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_FILE_MB: '1' });
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds);
    unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    operator = await makeUser(ds, 'operator', agency);
    auth = `Bearer ${await issueToken(ds, operator)}`;
  });
  afterAll(() => t.close());

  const upload = (files: [Buffer, string][], fields: Record<string, string> = {}) => {
    let req = http(t.app).post(`/api/v1/agencies/${agency.id}/evidence`).set('Authorization', auth);
    const meta = {
      kind: 'api_list',
      title: 'Daftar API',
      documentDate: '2026-03-01',
      indicators: '18',
      unitIds: unit.id,
      ...fields,
    };
    for (const [k, v] of Object.entries(meta)) req = req.field(k, v);
    for (const [buffer, name] of files) req = req.attach('files', buffer, name);
    return req;
  };
  const level18 = async () =>
    (await http(t.app).get(`/api/v1/agencies/${agency.id}/periods/2026/levels`).set('Authorization', auth))
      .body.supported.indicators['18'].level as number;

  it('stores the files with their SHA-256, as a draft that does not count until submitted', async () => {
    const res = await upload([[PDF, 'daftar api.pdf']]).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      kind: 'api_list',
      unitIds: [unit.id],
      indicators: [18],
    });
    expect(res.body.files).toEqual([
      expect.objectContaining({
        name: 'daftar api.pdf',
        mimeType: 'application/pdf',
        sha256: sha(PDF),
        size: PDF.length,
      }),
    ]);
    expect(await level18()).toBe(0);
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence/${res.body.id}/status`)
      .set('Authorization', auth)
      .send({ status: 'submitted' })
      .expect(201);
    expect(await level18()).toBe(3);
    const stored = filesUnder(t.config.uploadsDir).filter((f) => f.includes('/evidence/'));
    expect(stored.some((f) => statSync(f).size === PDF.length)).toBe(true);
  });

  it('downloads as an attachment with nosniff, previews PDFs inline, and never from another agency', async () => {
    const res = await upload([[Buffer.concat([PDF, Buffer.from('x')]), 'laporan.pdf']], {
      title: 'Laporan',
    }).expect(201);
    const file = res.body.files[0];
    const url = `/api/v1/agencies/${agency.id}/evidence/${res.body.id}/files/${file.id}`;
    const download = await http(t.app).get(url).set('Authorization', auth).buffer(true).expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(sha(download.body as Buffer)).toBe(file.sha256);
    const preview = await http(t.app).get(`${url}?inline=1`).set('Authorization', auth).expect(200);
    expect(preview.headers['content-disposition']).toMatch(/^inline/);
    const stranger = await makeUser(ds, 'coordinator', await makeAgency(ds));
    await http(t.app)
      .get(url)
      .set('Authorization', `Bearer ${await issueToken(ds, stranger)}`)
      .expect(404);
  });

  it('rejects a spoofed type, an empty file and an oversized one, naming the file, and keeps nothing', async () => {
    const before = await ds.getRepository(Evidence).count();
    const spoofed = await upload([[PNG, 'surat.pdf']]).expect(415);
    expect(spoofed.body.message).toMatch(/^surat\.pdf: namanya berakhiran \.pdf tetapi isinya /);
    expect(spoofed.body.code).toBe('upload.type_mismatch');
    const exe = await upload([[Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'report.pdf']]).expect(
      415,
    );
    expect(exe.body.message).toMatch(/^report\.pdf: /);
    await upload([[Buffer.alloc(0), 'kosong.pdf']]).expect(400);
    const big = await upload([[Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]), 'besar.pdf']]).expect(
      413,
    );
    expect(big.body.message).toMatch(/^besar\.pdf: /);
    const mixed = await upload(
      [
        [PDF, 'ok.pdf'],
        [PNG, 'bad.pdf'],
      ],
      { allowDuplicate: 'true' },
    ).expect(415);
    expect(mixed.body.message).toMatch(/bad\.pdf/);
    expect(await ds.getRepository(Evidence).count()).toBe(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(filesUnder(join(t.config.uploadsDir, 'tmp'))).toEqual([]);
  });

  it('names the field of bad metadata and keeps no file', async () => {
    const res = await upload([[PDF, 'x.pdf']], { kind: 'selfie', allowDuplicate: 'true' }).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('kind: pilih salah satu nilai yang tersedia');
    const foreign = await makeUnit(ds, await makeAgency(ds));
    const units = await upload([[PDF, 'y.pdf']], { unitIds: foreign.id, allowDuplicate: 'true' }).expect(400);
    expect(units.body.message).toMatch(/^unitIds:/);
    expect(filesUnder(join(t.config.uploadsDir, 'tmp'))).toEqual([]);
  });

  it('offers the existing item when the same file is uploaded again', async () => {
    const res = await upload([[PDF, 'lagi.pdf']]).expect(409);
    expect(res.body.message).toMatch(/sudah menjadi bukti dukung/);
  });

  it('keeps earlier revisions downloadable when a file is replaced', async () => {
    const created = await upload([[Buffer.concat([PDF, Buffer.from('v1')]), 'sop.pdf']], {
      kind: 'sop',
      title: 'SOP',
    }).expect(201);
    const v2 = Buffer.concat([PDF, Buffer.from('v2')]);
    const replaced = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence/${created.body.id}/files?slot=1`)
      .set('Authorization', auth)
      .attach('files', v2, 'sop-rev.pdf')
      .expect(201);
    expect(
      replaced.body.files.map((f: { revision: number; current: boolean }) => [f.revision, f.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const old = replaced.body.files[1];
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/evidence/${created.body.id}/files/${old.id}`)
      .set('Authorization', auth)
      .buffer(true);
    expect(sha(res.body as Buffer)).toBe(old.sha256);
    const history = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/history/evidence/${created.body.id}`)
      .set('Authorization', auth)
      .expect(200);
    expect(JSON.stringify(history.body)).toContain('sop-rev.pdf');
  });

  it('lets only the evaluation accept or reject, with a reason for returns', async () => {
    const created = await upload([[Buffer.concat([PDF, Buffer.from('r')]), 'r.pdf']], {
      status: 'submitted',
      title: 'R',
    }).expect(201);
    const url = `/api/v1/agencies/${agency.id}/evidence/${created.body.id}`;
    await http(t.app)
      .post(`${url}/status`)
      .set('Authorization', auth)
      .send({ status: 'accepted' })
      .expect(409);
    await http(t.app)
      .post(`${url}/decision`)
      .set('Authorization', auth)
      .send({ status: 'accepted' })
      .expect(403);
    const admin = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
    const noReason = await http(t.app)
      .post(`${url}/decision`)
      .set('Authorization', admin)
      .send({ status: 'rejected' })
      .expect(400);
    expect(noReason.body.message).toMatch(/^reason:/);
    const ok = await http(t.app)
      .post(`${url}/decision`)
      .set('Authorization', admin)
      .send({ status: 'accepted' })
      .expect(201);
    expect(ok.body.status).toBe('accepted');
  });

  it('lists with filters', async () => {
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/evidence?kind=sop&year=2026`)
      .set('Authorization', auth)
      .expect(200);
    expect(res.body.items.map((e: { title: string }) => e.title)).toEqual(['SOP']);
  });

  it('carries evidence forward into a new period as drafts, with copies of the files', async () => {
    await makePeriod(ds, { year: 2027, asOf: '2027-10-31' });
    const coordinator = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    const res = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/periods/2027/evidence/carry-forward`)
      .set('Authorization', coordinator)
      .send({ fromYear: 2026 })
      .expect(201);
    expect(res.body.copied).toBeGreaterThan(2);
    const list = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/evidence?year=2027`)
      .set('Authorization', auth)
      .expect(200);
    expect(
      list.body.items.every(
        (e: { status: string; carriedFromId: string }) => e.status === 'draft' && e.carriedFromId,
      ),
    ).toBe(true);
    await t.app.get(NationalRecompute).recompute([agency.id]);
  });

  it('verify finds a tampered file and an orphan; --repair removes the orphan only', async () => {
    const file = (await ds.getRepository(EvidenceFile).find({ take: 1, order: { uploadedAt: 'ASC' } }))[0];
    writeFileSync(join(t.config.uploadsDir, file.storageKey), 'tampered');
    const orphan = join(
      t.config.uploadsDir,
      'evidence',
      agency.id,
      '2020',
      '00000000-0000-4000-8000-00000000beef',
    );
    const { mkdirSync, utimesSync } = await import('node:fs');
    mkdirSync(join(orphan, '..'), { recursive: true });
    writeFileSync(orphan, 'nobody');
    utimesSync(orphan, new Date('2020-01-01'), new Date('2020-01-01'));
    const env = { DATABASE_URL: t.db.url, UPLOADS_DIR: t.config.uploadsDir, LOG_LEVEL: 'warn' };
    const report = await collect(spawnEntry('src/cli.ts', ['evidence', 'verify', '--json'], env));
    expect(report.code).toBe(1);
    const json = JSON.parse(report.stdout);
    expect(json.changed.count).toBe(1);
    expect(json.orphaned.count).toBe(1);
    const repaired = await collect(
      spawnEntry('src/cli.ts', ['evidence', 'verify', '--repair', '--lang', 'en'], env),
    );
    // The CLI's texts come from the catalogue (Indonesian unless --lang en).
    expect(repaired.stdout).toContain('removed orphans: 1');
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(join(t.config.uploadsDir, file.storageKey))).toBe(true);
  });

  it('keeps the stored levels in step with concurrent changes of one agency', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const body = Buffer.concat([PDF, Buffer.from(`% race ${i}\n`)]);
      // The first supports both indicators: two facts items (`<id>#7`, `<id>#18`) change at once.
      const fields = { title: `Race ${i}`, indicators: i === 0 ? '7,18' : '18', year: '2026' };
      ids.push((await upload([[body, `race-${i}.pdf`]], fields).expect(201)).body.id);
    }
    const path = `/api/v1/agencies/${agency.id}/periods/2026`;
    let next = 'submitted';
    for (let round = 0; round < 6; round++) {
      const moves = await Promise.all(
        ids.map((id) =>
          http(t.app)
            .post(`/api/v1/agencies/${agency.id}/evidence/${id}/status`)
            .set('Authorization', auth)
            .send({ status: next }),
        ),
      );
      expect(moves.map((r) => r.status)).toEqual(ids.map(() => 201));
      // Every change is in the stored levels: their facts are the live ones.
      const live = (await http(t.app).get(`${path}/facts`).set('Authorization', auth).expect(200)).body;
      const both = live.evidence.filter((e: { id: string }) => e.id.startsWith(`${ids[0]}#`));
      expect(both.map((e: { status: string }) => e.status)).toEqual([next, next]);
      const stored = (await http(t.app).get(`${path}/levels`).set('Authorization', auth).expect(200)).body;
      expect(stored.factsHash).toBe(createHash('sha256').update(JSON.stringify(live)).digest('hex'));
      next = next === 'submitted' ? 'draft' : 'submitted';
    }
  });
});
