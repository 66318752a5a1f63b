import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import * as yauzl from 'yauzl';
import { Agency } from '../../src/agencies/agency.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { Evidence } from '../../src/evidence/evidence.entity';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { Unit } from '../../src/units/unit.entity';
import { issueToken, makeAgency, makeApplication, makePeriod, makeUnit, makeUser } from '../factories';
import { binary, browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** How the pages escape text (Handlebars' rules). */
const esc = (text: string) =>
  text.replace(
    /[&<>"'`=]/g,
    (c) =>
      ({
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
        "'": '&#x27;',
        '`': '&#x60;',
        '=': '&#x3D;',
      })[c]!,
  );
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

async function zipEntries(zipped: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(zipped, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

describe('link evidence', () => {
  let t: TestApp;
  let ds: DataSource;
  /** A local server a link points at: the app must never send it a request. */
  let target: Server;
  let targetUrl: string;
  const hits: string[] = [];

  interface Team {
    agency: Agency;
    unit: Unit;
    auth: string;
  }
  const team = async (name: string): Promise<Team> => {
    const agency = await makeAgency(ds, { name });
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    const operator = await makeUser(ds, 'operator', agency);
    return { agency, unit, auth: `Bearer ${await issueToken(ds, operator)}` };
  };
  let links: Team;
  let files: Team;
  let admin: string;

  const create = (who: Team, fields: Record<string, string>, attach: [string, Buffer, string][] = []) => {
    let req = http(t.app).post(`/api/v1/agencies/${who.agency.id}/evidence`).set('Authorization', who.auth);
    const meta = {
      kind: 'api_list',
      title: 'Daftar API di portal SPL',
      indicators: '18',
      unitIds: who.unit.id,
    };
    for (const [k, v] of Object.entries({ ...meta, ...fields })) req = req.field(k, v);
    for (const [field, buffer, name] of attach) req = req.attach(field, buffer, name);
    return req;
  };
  const api = (who: Team, path: string) =>
    http(t.app).get(`/api/v1/agencies/${who.agency.id}${path}`).set('Authorization', who.auth);

  beforeAll(async () => {
    target = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end('<html>fetched</html>');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/portal/apis?tenant=kab`;
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    links = await team('Kabupaten Tautan');
    files = await team('Kabupaten Berkas');
    admin = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => target.close(resolve));
  });

  it('creates a link item through the create endpoint and counts it exactly like a file of the same kind', async () => {
    const link = await create(links, {
      url: targetUrl,
      capturedAt: '2026-03-01',
      status: 'submitted',
    }).expect(201);
    expect(link.body).toMatchObject({
      url: targetUrl,
      capturedAt: '2026-03-01',
      documentDate: '2026-03-01',
      kind: 'api_list',
      status: 'submitted',
      files: [],
    });
    const file = await create(files, { documentDate: '2026-03-01', status: 'submitted' }, [
      ['files', PDF, 'daftar-api.pdf'],
    ]).expect(201);
    expect(file.body.url).toBeNull();

    const listed = await api(links, '/evidence?year=2026').expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: link.body.id, url: targetUrl })]);

    const levels = async (who: Team) => (await api(who, '/periods/2026/levels').expect(200)).body;
    const [byLink, byFile] = [await levels(links), await levels(files)];
    expect(byLink.supported.indicators['18'].level).toBe(3);
    expect(byLink.supported.indicators['18'].level).toBe(byFile.supported.indicators['18'].level);
    const facts = async (who: Team) => (await api(who, '/periods/2026/facts').expect(200)).body;
    const strip = ({ id: _id, units: _units, ...rest }: Record<string, unknown>) => rest;
    const [linkFacts, fileFacts] = [await facts(links), await facts(files)];
    expect(linkFacts.evidence.map(strip)).toEqual(fileFacts.evidence.map(strip));
    expect(linkFacts.evidence[0].id).toBe(link.body.id);
  });

  it.each([
    ['javascript:alert(document.cookie)', 'url: hanya tautan http:// atau https://', 'javascript:'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'url: hanya tautan http:// atau https://', 'data:'],
    ['file:///etc/passwd', 'url: hanya tautan http:// atau https://', 'file:'],
    ['ftp://ftp.example.go.id/sop.pdf', 'url: hanya tautan http:// atau https://', 'ftp:'],
    ['https://admin:rahasia@portal.example.go.id/', 'url: tautan tidak boleh memuat nama pengguna', null],
    [
      'https://portal.example.go.id/a\u0007b',
      'url: tautan tidak boleh memuat spasi atau karakter kendali',
      null,
    ],
    [
      'https://portal.example.go.id/\r\nX: y',
      'url: tautan tidak boleh memuat spasi atau karakter kendali',
      null,
    ],
    [`https://portal.example.go.id/${'a'.repeat(2000)}`, 'url: tautan paling panjang 2000 karakter', null],
    ['', 'url: isi tautan', null],
    ['portal.example.go.id', 'url: bukan tautan yang sah', null],
  ])(
    'refuses a bad link with 400, naming the field, and writes nothing (case %#)',
    async (url, message, scheme) => {
      const before = await ds.getRepository(Evidence).count();
      const res = await create(links, { url, capturedAt: '2026-03-01', allowDuplicate: 'true' }).expect(400);
      expect(res.body.message).toContain(message);
      if (scheme) expect(res.body.message).toContain(`"${scheme}"`);
      expect(await ds.getRepository(Evidence).count()).toBe(before);
    },
  );

  it('answers in English when asked, and refuses a missing or future capture date and files beside a link', async () => {
    const en = await create(links, { url: 'javascript:alert(1)', capturedAt: '2026-03-01' })
      .query({ lang: 'en' })
      .expect(400);
    expect(en.body.message).toBe(
      'url: only http:// or https:// links are accepted; the scheme "javascript:" is refused.',
    );
    const missing = await create(links, { url: 'https://portal.example.go.id/a' }).expect(400);
    expect(missing.body.message).toMatch(/^capturedAt: /);
    const future = await create(links, { url: 'https://portal.example.go.id/a', capturedAt: '2099-01-01' })
      .query({ lang: 'en' })
      .expect(400);
    expect(future.body.message).toBe('capturedAt: the capture date cannot be after today.');
    const before = await ds.getRepository(EvidenceFile).count();
    const both = await create(links, { url: 'https://portal.example.go.id/b', capturedAt: '2026-03-01' }, [
      ['files', PDF, 'lampiran.pdf'],
    ]).expect(400);
    expect(both.body.message).toMatch(/^files: /);
    const neither = await create(links, { documentDate: '2026-03-01' }).expect(400);
    expect(neither.body.message).toMatch(/^files: /);
    const lonely = await create(links, { documentDate: '2026-03-01' }, [
      ['snapshot', PNG, 'layar.png'],
    ]).expect(400);
    expect(lonely.body.message).toMatch(/^snapshot: /);
    expect(await ds.getRepository(EvidenceFile).count()).toBe(before);
    await new Promise((r) => setTimeout(r, 100));
    expect(filesUnder(join(t.config.uploadsDir, 'tmp'))).toEqual([]);
  });

  it('stores a snapshot beside the link as an ordinary evidence file: PDF or image only, one per link', async () => {
    const res = await create(
      links,
      {
        url: 'https://portal.example.go.id/sop-integrasi',
        capturedAt: '2026-04-02',
        kind: 'sop',
        title: 'SOP integrasi (halaman portal)',
        status: 'submitted',
      },
      [['snapshot', PNG, 'sop-portal.png']],
    ).expect(201);
    expect(res.body.files).toEqual([
      expect.objectContaining({ name: 'sop-portal.png', mimeType: 'image/png', sha256: sha(PNG), slot: 1 }),
    ]);
    const download = await api(links, `/evidence/${res.body.id}/files/${res.body.files[0].id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sha(download.body as Buffer)).toBe(sha(PNG));

    const second = await http(t.app)
      .post(`/api/v1/agencies/${links.agency.id}/evidence/${res.body.id}/files`)
      .set('Authorization', links.auth)
      .attach('files', PDF, 'lagi.pdf')
      .expect(400);
    expect(second.body.message).toMatch(/^snapshot: /);
    const replaced = await http(t.app)
      .post(`/api/v1/agencies/${links.agency.id}/evidence/${res.body.id}/files?slot=1`)
      .set('Authorization', links.auth)
      .attach('files', PDF, 'sop-portal.pdf')
      .expect(201);
    expect(replaced.body.files.filter((f: { current: boolean }) => f.current)).toEqual([
      expect.objectContaining({ name: 'sop-portal.pdf', revision: 2 }),
    ]);

    const zip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
    const wrong = await create(
      links,
      { url: 'https://portal.example.go.id/lain', capturedAt: '2026-04-02', title: 'Lain' },
      [['snapshot', zip, 'arsip.zip']],
    ).expect(400);
    expect(wrong.body.message).toMatch(/^snapshot: /);
  });

  it('takes a link as JSON too, without multipart', async () => {
    const res = await http(t.app)
      .post(`/api/v1/agencies/${links.agency.id}/evidence`)
      .set('Authorization', links.auth)
      .send({
        kind: 'operating_documentation',
        title: 'Manual SPL',
        indicators: [18],
        allUnits: true,
        url: 'https://portal.example.go.id/manual',
        capturedAt: '2026-02-01',
        documentDate: '2026-01-15',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      url: 'https://portal.example.go.id/manual',
      documentDate: '2026-01-15',
    });
  });

  it('documents the link fields in the OpenAPI document', async () => {
    const doc = (await http(t.app).get('/api/docs-json').expect(200)).body;
    const schema = doc.components.schemas.CreateEvidenceDto;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['url', 'capturedAt', 'snapshot', 'files']),
    );
    expect(schema.properties.url.maxLength).toBe(2000);
  });

  it('refuses the same link twice in a period unless allowed', async () => {
    const res = await create(links, { url: targetUrl, capturedAt: '2026-03-02' }).expect(409);
    expect(res.body.message).toContain('Daftar API di portal SPL');
    await create(links, { url: targetUrl, capturedAt: '2026-03-02', allowDuplicate: 'true' }).expect(201);
  });

  it('is reviewed and decided like a file, and the review page links it in a new tab, never embedded', async () => {
    const created = await create(links, {
      url: 'https://portal.example.go.id/notulen?id=7&x=<b>',
      capturedAt: '2026-05-01',
      kind: 'meeting_minutes',
      title: 'Notulen rapat (tautan)',
      status: 'submitted',
    }).expect(201);
    const decided = await http(t.app)
      .post(`/api/v1/agencies/${links.agency.id}/evidence/${created.body.id}/decision`)
      .set('Authorization', admin)
      .send({ status: 'accepted', version: created.body.version })
      .expect(201);
    expect(decided.body).toMatchObject({ status: 'accepted', url: created.body.url });
    const facts = (await api(links, '/periods/2026/facts').expect(200)).body;
    expect(facts.evidence.find((e: { id: string }) => e.id === created.body.id)).toMatchObject({
      kind: 'meeting_minutes',
      status: 'accepted',
    });

    const session = browserSession(
      t.config.sessionSecret,
      await issueToken(ds, await makeUser(ds, 'admin', null), 'session'),
    );
    const page = await http(t.app)
      .get(`/review/agencies/${links.agency.id}?year=2026`)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .expect(200);
    const escaped = esc(created.body.url);
    expect(created.body.url).toBe('https://portal.example.go.id/notulen?id=7&x=%3Cb%3E');
    expect(page.text).toContain(
      `<a href="${escaped}" target="_blank" rel="noopener noreferrer">${escaped}</a>`,
    );
    expect(page.text).not.toMatch(/<(iframe|embed|object)[^>]+portal\.example/);
    expect(page.text).not.toMatch(/<(iframe|embed|object|img)[^>]+127\.0\.0\.1/);
  });

  it('lists the URL in the PDF manifest and in the ZIP manifests, and packs the snapshot as a file', async () => {
    const base = `/api/v1/agencies/${links.agency.id}/periods/2026/reports`;
    const zipped = await http(t.app)
      .get(`${base}/evidence.zip`)
      .set('Authorization', admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const entries = await zipEntries(zipped.body as Buffer);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    const first = manifest.files.find((f: { url: string | null }) => f.url === targetUrl);
    expect(first).toMatchObject({ path: null, capturedAt: '2026-03-01', fileName: null, missing: false });
    const sop = manifest.files.find((f: { title: string }) => f.title === 'SOP integrasi (halaman portal)');
    expect(sop.url).toBe('https://portal.example.go.id/sop-integrasi');
    expect(sop.path).toMatch(/^files\/.+\/1-sop-portal\.pdf$/);
    expect(sha(entries.get(sop.path)!)).toBe(sha(PDF));
    const csv = entries.get('manifest.csv')!.toString('utf8');
    // Every CSV field is quoted (issue 17: a ';'-separated spreadsheet must not split a field).
    expect(csv.split('\r\n')[0]).toMatch(/,"url","captured_at"$/);
    expect(csv).toContain(`,"${targetUrl}","2026-03-01"`);

    const pdf = await http(t.app)
      .get(`${base}/summary.pdf`)
      .set('Authorization', admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfPageTexts(pdf.body as Buffer)).join('\n');
    expect(text).toContain('https://portal.example.go.id/sop-integrasi');
    expect(text).toContain('sop-portal.pdf');
  });

  it('lets a link item change its link, checked like a new one; a file item cannot become a link', async () => {
    const created = await create(links, {
      url: 'https://portal.example.go.id/slaa',
      capturedAt: '2026-06-01',
      kind: 'sla',
      title: 'SLA layanan SPL',
    }).expect(201);
    const patch = (id: string, who: Team, body: Record<string, unknown>) =>
      http(t.app)
        .patch(`/api/v1/agencies/${who.agency.id}/evidence/${id}`)
        .set('Authorization', who.auth)
        .send({ kind: 'sla', title: 'SLA layanan SPL', indicators: [18], unitIds: [who.unit.id], ...body });
    const bad = await patch(created.body.id, links, { version: 1, url: 'javascript:alert(1)' }).expect(400);
    expect(bad.body.message).toMatch(/^url: /);
    const ok = await patch(created.body.id, links, {
      version: 1,
      url: 'https://portal.example.go.id/sla',
      capturedAt: '2026-06-02',
    }).expect(200);
    expect(ok.body).toMatchObject({
      url: 'https://portal.example.go.id/sla',
      capturedAt: '2026-06-02',
      documentDate: '2026-06-01',
    });
    const fileItem = (await api(files, '/evidence').expect(200)).body.items[0];
    const refused = await patch(fileItem.id, files, {
      version: fileItem.version,
      documentDate: fileItem.documentDate,
      url: 'https://portal.example.go.id/x',
      capturedAt: '2026-06-02',
    }).expect(400);
    expect(refused.body.message).toMatch(/^files: /);
  });

  it('carries a link forward into a new period with its snapshot', async () => {
    await makePeriod(ds, { year: 2027, asOf: '2027-10-31' });
    const coordinator = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', links.agency))}`;
    await http(t.app)
      .post(`/api/v1/agencies/${links.agency.id}/periods/2027/evidence/carry-forward`)
      .set('Authorization', coordinator)
      .send({ fromYear: 2026 })
      .expect(201);
    const next = (await api(links, '/evidence?year=2027').expect(200)).body.items;
    const sop = next.find((e: { title: string }) => e.title === 'SOP integrasi (halaman portal)');
    expect(sop).toMatchObject({
      url: 'https://portal.example.go.id/sop-integrasi',
      capturedAt: '2026-04-02',
    });
    expect(sop.files).toEqual([expect.objectContaining({ name: 'sop-portal.pdf' })]);
  });

  it('never fetches a link: not on create, list, pages, review, PDF or ZIP', async () => {
    const session = browserSession(
      t.config.sessionSecret,
      await issueToken(ds, await makeUser(ds, 'coordinator', links.agency), 'session'),
    );
    const html = (path: string) =>
      http(t.app).get(path).set('Cookie', session.cookie).set('Accept', 'text/html').expect(200);
    const library = await html(`/agencies/${links.agency.id}/evidence`);
    expect(library.text).toContain(`href="${esc(targetUrl)}"`);
    const id = (await api(links, '/evidence').expect(200)).body.items.find(
      (e: { url: string }) => e.url === targetUrl,
    ).id;
    const detail = await html(`/agencies/${links.agency.id}/evidence/${id}`);
    expect(detail.text).toContain('rel="noopener noreferrer"');
    await new Promise((r) => setTimeout(r, 200));
    expect(hits).toEqual([]);
  });
});
