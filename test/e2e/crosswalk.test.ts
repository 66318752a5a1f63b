import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { AssessmentsService } from '../../src/assessments/assessments.service';
import { CrosswalkLevelsService } from '../../src/assessments/crosswalk-levels.service';
import { translate } from '../../src/i18n/i18n';
import { Period } from '../../src/periods/period.entity';
import { Unit } from '../../src/units/unit.entity';
import { issueToken, makeAgency, makeEvidence, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface PreviewItem {
  evidenceId: string;
  version: number;
  title: string;
  from: { code: string }[];
  to: { code: string; name: { id: string; en: string } }[];
  related: { code: string }[];
  carriedAlready: boolean;
}
const codes = (refs: { code: string }[]) => refs.map((r) => r.code);

/**
 * Issue 20 point 4: evidence of a 2025 SPBE period carried into a 2026 Pemdi period, re-tagged by
 * the crosswalk after the coordinator confirms the list; the dashboard shows 2025 beside 2026.
 */
describe('carry-over by the crosswalk (SPBE 2020 → Pemdi 2026)', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let unit: Unit;
  let p2025: Period;
  let p2026: Period;
  let coordinator: string;
  let otherCoordinator: string;
  let operator: string;
  let admin: string;
  const ids = { policy: '', api: '', both: '', uploaded: '' };
  const base = () => `/api/v1/agencies/${agency.id}/periods/2026/evidence/crosswalk`;
  const copies = async (): Promise<{ indicators: number[]; carried_from_id: string; status: string }[]> =>
    ds.query(
      `SELECT e.indicators, e.carried_from_id, e.status FROM evidence e JOIN period p ON p.id = e.period_id
        WHERE e.agency_id = $1 AND p.year = 2026 ORDER BY e.title`,
      [agency.id],
    );
  const preview = async (): Promise<{ items: PreviewItem[]; mappings: unknown[] }> =>
    (await http(t.app).get(`${base()}?fromYear=2025`).set('Authorization', coordinator).expect(200)).body;
  const item = (items: PreviewItem[], id: string) => items.find((i) => i.evidenceId === id)!;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    p2025 = await makePeriod(ds, { year: 2025, asOf: '2025-10-31' });
    p2026 = await makePeriod(ds, { year: 2026 });
    agency = await makeAgency(ds);
    unit = await makeUnit(ds, agency);
    const other = await makeAgency(ds);
    coordinator = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    otherCoordinator = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', other))}`;
    operator = `Bearer ${await issueToken(ds, await makeUser(ds, 'operator', agency))}`;
    admin = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
    // An item with a stored file, uploaded into 2025 while both periods are SPBE.
    const uploaded = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence`)
      .set('Authorization', coordinator)
      .field('year', '2025')
      .field('kind', 'usage_report')
      .field('title', 'D Laporan penggunaan SPL')
      .field('documentDate', '2025-05-01')
      .field('indicators', '18')
      .field('unitIds', unit.id)
      .field('status', 'submitted')
      .attach('files', PDF, 'laporan.pdf')
      .expect(201);
    ids.uploaded = uploaded.body.id;
    const common = { documentDate: '2025-03-01', units: [unit] };
    ids.policy = (
      await makeEvidence(ds, agency, p2025, {
        ...common,
        kind: 'policy_enacted',
        title: 'A Perbup SPL',
        indicators: [7],
      })
    ).id;
    ids.api = (
      await makeEvidence(ds, agency, p2025, { ...common, title: 'B Daftar API', indicators: [18] })
    ).id;
    ids.both = (
      await makeEvidence(ds, agency, p2025, {
        ...common,
        kind: 'review_report',
        title: 'C Reviu SPL',
        indicators: [7, 18],
      })
    ).id;
    await http(t.app)
      .patch('/api/v1/periods/2026')
      .set('Authorization', admin)
      .send({ version: p2026.version, frameworkVersion: 'pemdi-2026' })
      .expect(200);
  });
  afterAll(() => t.close());

  it('previews each item with its 2025 indicators and the Pemdi indicators it will support', async () => {
    const body = await preview();
    expect(body).toMatchObject({
      fromYear: 2025,
      toYear: 2026,
      from: { framework: 'spbe-2020' },
      to: { framework: 'pemdi-2026', version: '2026.1' },
    });
    expect(body.items).toHaveLength(4);
    const policy = item(body.items, ids.policy);
    expect([codes(policy.from), codes(policy.to), codes(policy.related)]).toEqual([['I7'], ['I1'], []]);
    expect(policy.to[0].name).toEqual({
      id: 'Tata Kelola Pemerintah Digital',
      en: 'Digital Government Governance',
    });
    const api = item(body.items, ids.api);
    expect([codes(api.from), codes(api.to), codes(api.related)]).toEqual([['I18'], ['I16'], ['I14', 'I18']]);
    expect(api.to[0].name.id).toBe('Integrasi Aplikasi');
    const both = item(body.items, ids.both);
    expect([codes(both.from), codes(both.to)]).toEqual([
      ['I7', 'I18'],
      ['I1', 'I16'],
    ]);
    expect(body.items.every((i) => !i.carriedAlready)).toBe(true);
  });

  it('writes nothing without the confirmation: the preview, the plain carry-forward and an empty list', async () => {
    await preview();
    const plain = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/periods/2026/evidence/carry-forward`)
      .set('Authorization', coordinator)
      .send({ fromYear: 2025 })
      .expect(409);
    expect(plain.body.code).toBe('msg.crosswalk.confirm_first');
    await http(t.app)
      .post(base())
      .set('Authorization', coordinator)
      .send({ fromYear: 2025, items: [] })
      .expect(400);
    expect(await copies()).toEqual([]);
  });

  it('refuses the coordinator of another agency and a non-coordinator, writing nothing', async () => {
    const body = { fromYear: 2025, items: [{ evidenceId: ids.api, version: 1 }] };
    // Another agency's data is not found for them, as everywhere (access matrix).
    await http(t.app).get(base()).set('Authorization', otherCoordinator).expect(404);
    await http(t.app).post(base()).set('Authorization', otherCoordinator).send(body).expect(404);
    await http(t.app).get(base()).set('Authorization', operator).expect(403);
    await http(t.app).post(base()).set('Authorization', operator).send(body).expect(403);
    expect(await copies()).toEqual([]);
  });

  it('refuses the whole list when one item changed since the preview or asks for an indicator not offered', async () => {
    const { items } = await preview();
    const current = (id: string) => ({ evidenceId: id, version: item(items, id).version });
    const stale = await http(t.app)
      .post(base())
      .set('Authorization', coordinator)
      .send({ fromYear: 2025, items: [current(ids.policy), { evidenceId: ids.api, version: 99 }] })
      .expect(409);
    expect(stale.body.code).toBe('msg.crosswalk.changed');
    expect(stale.body.message).toContain('B Daftar API');
    const notOffered = await http(t.app)
      .post(base())
      .set('Authorization', coordinator)
      .send({ fromYear: 2025, items: [{ ...current(ids.api), indicators: ['I16', 'I5'] }] })
      .expect(400);
    expect(notOffered.body.code).toBe('msg.crosswalk.not_offered');
    expect(await copies()).toEqual([]);
  });

  it('keeps the stage lock: no carry-over into a period past self-assessment', async () => {
    const { items } = await preview();
    await ds.query(`UPDATE period SET stage = 'document_review' WHERE id = $1`, [p2026.id]);
    try {
      await http(t.app)
        .post(base())
        .set('Authorization', coordinator)
        .send({ fromYear: 2025, items: [{ evidenceId: ids.api, version: item(items, ids.api).version }] })
        .expect(409);
    } finally {
      await ds.query(`UPDATE period SET stage = 'self_assessment' WHERE id = $1`, [p2026.id]);
    }
    expect(await copies()).toEqual([]);
  });

  it('carries the confirmed items re-tagged by the crosswalk, with their files, history and audit', async () => {
    const { items } = await preview();
    const v = (id: string) => item(items, id).version;
    const res = await http(t.app)
      .post(base())
      .set('Authorization', coordinator)
      .send({
        fromYear: 2025,
        items: [
          { evidenceId: ids.policy, version: v(ids.policy) },
          { evidenceId: ids.api, version: v(ids.api) },
          { evidenceId: ids.both, version: v(ids.both), indicators: ['I1', 'I16', 'I18'] },
          { evidenceId: ids.uploaded, version: v(ids.uploaded) },
        ],
      })
      .expect(201);
    expect(res.body.copied).toBe(4);
    expect(res.body.items.find((i: { sourceId: string }) => i.sourceId === ids.both).indicators).toEqual([
      'I1',
      'I16',
      'I18',
    ]);
    expect(await copies()).toEqual([
      { indicators: [1], carried_from_id: ids.policy, status: 'draft' },
      { indicators: [16], carried_from_id: ids.api, status: 'draft' },
      { indicators: [1, 16, 18], carried_from_id: ids.both, status: 'draft' },
      { indicators: [16], carried_from_id: ids.uploaded, status: 'draft' },
    ]);
    // The 2025 items are untouched.
    const sources: { indicators: number[] }[] = await ds.query(
      'SELECT indicators FROM evidence WHERE id = $1',
      [ids.both],
    );
    expect(sources[0].indicators).toEqual([7, 18]);
    const copyOfUpload = res.body.items.find((i: { sourceId: string }) => i.sourceId === ids.uploaded);
    const file = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/evidence/${copyOfUpload.evidenceId}`)
      .set('Authorization', coordinator)
      .expect(200);
    expect(file.body.files.map((f: { name: string }) => f.name)).toEqual(['laporan.pdf']);
    const copied = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/evidence/${copyOfUpload.evidenceId}/files/${file.body.files[0].id}`)
      .set('Authorization', coordinator)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(copied.body as Buffer, PDF)).toBe(0);
    const history: { after: { fromIndicators: number[]; indicators: number[] } }[] = await ds.query(
      `SELECT after FROM change_log WHERE entity_type = 'evidence' AND entity_id = $1`,
      [res.body.items.find((i: { sourceId: string }) => i.sourceId === ids.both).evidenceId],
    );
    expect(history[0].after).toMatchObject({ fromIndicators: [7, 18], indicators: [1, 16, 18] });
    const audit: { detail: Record<string, unknown> }[] = await ds.query(
      `SELECT detail FROM audit_log WHERE action = 'evidence.crosswalk_carried' AND agency_id = $1`,
      [agency.id],
    );
    expect(audit.map((a) => a.detail)).toEqual([
      expect.objectContaining({ fromYear: 2025, toYear: 2026, toFramework: 'pemdi-2026', copied: 4 }),
    ]);
    expect((await preview()).items.every((i) => i.carriedAlready)).toBe(true);
  });

  it('shows the 2025 SPBE level beside the 2026 indicator on the dashboard, "belum dinilai" while unscored', async () => {
    const earlier = await t.app.get(AssessmentsService).view(agency.id, 2025, 'id');
    const level18 = earlier.indicators.find((i) => i.indicator === 18)!;
    const session = await issueToken(ds, await makeUser(ds, 'coordinator', agency), 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const page = async (lang: string) =>
      (
        await http(t.app)
          .get(`/agencies/${agency.id}?year=2026&lang=${lang}`)
          .set('Cookie', cookie)
          .set('Accept', 'text/html')
          .expect(200)
      ).text;
    const html = await page('id');
    const card = html.slice(html.indexOf('id="crosswalk-levels"'));
    expect(card).toContain('data-from="I18" data-to="I16"');
    expect(card).toContain('data-from="I7" data-to="I1"');
    expect(card).toContain('Integrasi Aplikasi');
    expect(card).toContain(translate('id', `level.${level18.supported}`));
    expect(card).toContain('belum dinilai');
    const en = await page('en');
    expect(en).toContain('not assessed yet');
    expect(en).toContain('Application Integration');
    // The 2026 side is an input: once a level of I16 is given, it shows in words.
    const levels = await t.app
      .get(CrosswalkLevelsService)
      .compare(agency.id, 2026, 'en', new Map([['I16', 3]]));
    expect(levels!.rows.map((r) => [r.before.code, r.after.code, r.after.levelName])).toEqual([
      ['I18', 'I16', 'Level 3'],
      ['I7', 'I1', 'not assessed yet'],
    ]);
  });

  it('shows the coordinator the confirm page with the mapped indicators chosen and the related ones offered', async () => {
    const session = await issueToken(ds, await makeUser(ds, 'coordinator', agency), 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const res = await http(t.app)
      .get(`/agencies/${agency.id}/periods/2026/evidence/crosswalk?fromYear=2025`)
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .expect(200);
    expect(res.text).toContain('Konfirmasi dan bawa');
    expect(res.text).toContain(`value="${ids.api}:I18"`);
    expect(res.text).not.toMatch(new RegExp(`value="${ids.api}:I18"\\s+checked`));
  });
});
