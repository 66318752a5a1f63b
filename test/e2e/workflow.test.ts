import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import { ENGINE_VERSION } from '../../src/scoring/engine';
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
import { http } from '../support/http';
import { collect, spawnEntry } from '../support/process';
import { TestApp, createTestApp } from '../support/test-app';

const pdf = (tag: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** The documented hash: sha256 over JSON with keys sorted at every depth (see freeze-hash.ts). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the yearly cycle from self-assessment to frozen results', () => {
  let t: TestApp;
  let ds: DataSource;
  let period: Period;
  let agency: Agency;
  let units: Unit[];
  const users = {} as Record<
    'admin' | 'coordinator' | 'operator' | 'assessor' | 'evaluator' | 'stranger',
    User
  >;
  const auth = {} as Record<keyof typeof users, string>;
  const items = {} as Record<'a' | 'b' | 'c', string>;
  let roundId: string;

  const api = (path: string) => `/api/v1/agencies/${agency.id}${path}`;
  const as = (who: keyof typeof users) => ({ Authorization: auth[who] });
  const upload = (
    who: keyof typeof users,
    title: string,
    unit: Unit | null,
    fields: Record<string, string> = {},
  ) => {
    let req = http(t.app).post(api('/evidence')).set(as(who));
    const meta: Record<string, string> = {
      kind: 'api_list',
      title,
      documentDate: '2026-03-01',
      indicators: '18',
      ...(unit ? { unitIds: unit.id } : {}),
      ...fields,
    };
    for (const [k, v] of Object.entries(meta)) req = req.field(k, v);
    return req.attach('files', pdf(title), `${title}.pdf`);
  };
  const item = async (id: string) =>
    (
      await http(t.app)
        .get(api(`/evidence/${id}`))
        .set(as('admin'))
        .expect(200)
    ).body as {
      status: string;
      version: number;
    };
  const review = async () =>
    (await http(t.app).get(api('/periods/2026/review')).set(as('evaluator')).expect(200)).body as {
      indicators: { indicator: number; verified: number; validated: number | null; version: number | null }[];
      items: { id: string; status: string; version: number }[];
    };
  const verified18 = async () => (await review()).indicators.find((i) => i.indicator === 18)!.verified;
  const inbox = async (who: keyof typeof users) =>
    (await http(t.app).get('/api/v1/notifications').set(as(who)).expect(200)).body as {
      kind: string;
      link: string;
      payload: Record<string, unknown>;
    }[];
  const moveTo = async (stage: string) => {
    const current = await http(t.app).get('/api/v1/periods/2026').set(as('admin')).expect(200);
    return http(t.app)
      .put('/api/v1/periods/2026/stage')
      .set(as('admin'))
      .send({ stage, version: current.body.version });
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds, { name: 'Kabupaten Siklus' });
    units = [await makeUnit(ds, agency), await makeUnit(ds, agency)];
    for (const u of units) await makeApplication(ds, u, 'spl');
    users.admin = await makeUser(ds, 'admin', null);
    users.coordinator = await makeUser(ds, 'coordinator', agency);
    users.operator = await makeUser(ds, 'operator', agency);
    users.assessor = await makeUser(ds, 'internal_assessor', agency);
    users.evaluator = await makeUser(ds, 'evaluator', null);
    users.stranger = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, users.evaluator, agency, period);
    // Assigned to the agency in another period only: reaches the agency, not this period's review.
    await assignEvaluator(
      ds,
      users.stranger,
      agency,
      await makePeriod(ds, { year: 2025, asOf: '2025-10-31' }),
    );
    for (const who of Object.keys(users) as (keyof typeof users)[])
      auth[who] = `Bearer ${await issueToken(ds, users[who])}`;
  });
  afterAll(() => t.close());

  it('lets the internal assessor return an item to the operators before submission', async () => {
    items.a = (
      await upload('operator', 'API unit satu', units[0], { status: 'submitted' }).expect(201)
    ).body.id;
    items.b = (
      await upload('operator', 'API unit dua', units[1], { status: 'submitted' }).expect(201)
    ).body.id;
    items.c = (await upload('operator', 'SOP draf', null, { kind: 'sop' }).expect(201)).body.id;

    const returned = await http(t.app)
      .post(api(`/evidence/${items.b}/return`))
      .set(as('assessor'))
      .send({ reasonCode: 'illegible', reason: 'Halaman 2 buram' })
      .expect(201);
    expect(returned.body).toMatchObject({ status: 'needs_revision', statusReason: 'Halaman 2 buram' });
    expect(await inbox('operator')).toEqual([
      expect.objectContaining({
        kind: 'returned',
        payload: expect.objectContaining({ title: 'API unit dua' }),
      }),
    ]);
    await http(t.app)
      .post(api(`/evidence/${items.b}/status`))
      .set(as('operator'))
      .send({ status: 'submitted' })
      .expect(201);
  });

  it('lists claims above the supported level and drafts before submitting, then locks the data', async () => {
    await http(t.app)
      .put(api('/periods/2026/assessments/18'))
      .set(as('coordinator'))
      .send({ claimedLevel: 4, justification: 'Semua unit memakai SPL.' })
      .expect(204);
    const early = await http(t.app).post(api('/periods/2026/submission')).set(as('coordinator')).send({});
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/^claims: belum ada nilai mandiri untuk indikator 7/);
    await http(t.app)
      .put(api('/periods/2026/assessments/7'))
      .set(as('coordinator'))
      .send({ claimedLevel: 1, justification: 'Draf kebijakan ada.' })
      .expect(204);

    const check = await http(t.app).get(api('/periods/2026/submission')).set(as('coordinator')).expect(200);
    expect(check.body.claims).toEqual([
      expect.objectContaining({ indicator: 7, claimed: 1, supported: 0, aboveSupported: true }),
      expect.objectContaining({ indicator: 18, claimed: 4, supported: 3, aboveSupported: true }),
    ]);
    expect(check.body.drafts).toEqual([
      { id: items.c, title: 'SOP draf', kind: 'sop', link: `/agencies/${agency.id}/evidence/${items.c}` },
    ]);
    expect(check.body).toMatchObject({ warnings: 3, canSubmit: true, submitted: null });

    const unconfirmed = await http(t.app)
      .post(api('/periods/2026/submission'))
      .set(as('coordinator'))
      .send({});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.message).toMatch(/^acknowledgeWarnings: /);
    await http(t.app).post(api('/periods/2026/submission')).set(as('operator')).send({}).expect(403);
    const submitted = await http(t.app)
      .post(api('/periods/2026/submission'))
      .set(as('coordinator'))
      .send({ acknowledgeWarnings: true })
      .expect(201);
    expect(submitted.body.submitted.byName).toBe(users.coordinator.username);
    expect((await inbox('evaluator')).map((n) => n.kind)).toEqual(['submitted']);
    // The evaluator's notice leads to the review page of the agency, not its workflow page.
    expect((await inbox('evaluator'))[0].link).toBe(`/review/agencies/${agency.id}?year=2026`);

    const locked = [
      await http(t.app).post(api('/units')).set(as('coordinator')).send({ code: 'BARU', name: 'Unit baru' }),
      await upload('operator', 'Terlambat', units[0]),
      await http(t.app)
        .put(api('/periods/2026/assessments/18'))
        .set(as('coordinator'))
        .send({ claimedLevel: 3, justification: 'Turun.' }),
      await http(t.app)
        .patch(api(`/evidence/${items.c}`))
        .set(as('operator'))
        .send({
          version: (await item(items.c)).version,
          kind: 'sop',
          title: 'SOP',
          documentDate: '2026-03-01',
          indicators: [18],
        }),
      await http(t.app)
        .post(api('/periods/2026/submission'))
        .set(as('coordinator'))
        .send({ acknowledgeWarnings: true }),
      await http(t.app)
        .post(api('/hub-imports'))
        .set(as('coordinator'))
        .attach(
          'file',
          Buffer.from('period_start,period_end,api_name,total_calls\n2026-01-01,2026-01-31,x,5\n'),
          'usage.csv',
        ),
    ];
    expect(locked.map((r) => r.status)).toEqual([409, 409, 409, 409, 409, 409]);
    const lock = 'msg.workflow.lock';
    expect(locked.map((r) => r.body.code)).toEqual([
      lock,
      lock,
      'msg.assessment.claim_after_submission',
      lock,
      lock,
      lock,
    ]);
    expect(locked[5].body.message).toMatch(/^Kunci alur kerja: /);
    expect(locked[0].body.message).toMatch(
      /^Kunci alur kerja: pada periode 2026 \(tahapan Penilaian mandiri\), "Mengubah data instansi .*" dibuka sampai instansi mengirim penilaian\. Instansi telah mengirim penilaian 2026\.$/,
    );
    expect(locked[1].body.message).toMatch(/^Kunci alur kerja: /);
  });

  it('shows evaluators only their agencies, and moves the verified level with each decision', async () => {
    expect((await moveTo('document_review')).status).toBe(200);
    const others = await makeAgency(ds, { name: 'Kabupaten Lain' });
    const queue = await http(t.app).get('/api/v1/review?year=2026').set(as('evaluator')).expect(200);
    expect(queue.body.agencies.map((a: { name: string }) => a.name)).toEqual(['Kabupaten Siklus']);
    const all = await http(t.app).get('/api/v1/review?year=2026').set(as('admin')).expect(200);
    expect(all.body.agencies.map((a: { agencyId: string }) => a.agencyId)).toContain(others.id);
    await http(t.app).get(api('/periods/2026/review')).set(as('stranger')).expect(404);

    const before = await review();
    expect(before.items.map((i) => i.id).sort()).toEqual([items.a, items.b].sort());
    expect(await verified18()).toBe(0);
    const a = before.items.find((i) => i.id === items.a)!;
    await http(t.app)
      .post(api(`/evidence/${items.a}/decision`))
      .set(as('evaluator'))
      .send({ status: 'accepted', version: a.version })
      .expect(201);
    expect(await verified18()).toBe(2);

    const noReason = await http(t.app)
      .post(api(`/evidence/${items.b}/decision`))
      .set(as('evaluator'))
      .set('Accept-Language', 'en-US,en;q=0.9')
      .send({ status: 'needs_revision' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({
      statusCode: 400,
      code: 'msg.review.reason_required',
      message: 'reason: required when the status is Needs revision.',
    });
    const returned = await http(t.app)
      .post(api(`/evidence/${items.b}/decision`))
      .set(as('evaluator'))
      .send({
        status: 'needs_revision',
        reasonCode: 'does_not_cover_unit',
        version: (await item(items.b)).version,
      })
      .expect(201);
    expect(returned.body).toMatchObject({ status: 'needs_revision', statusReason: 'does_not_cover_unit' });
    expect((await inbox('coordinator')).map((n) => n.kind)).toContain('returned');
  });

  it('lets the agency fix a returned item during document review, and nothing else', async () => {
    const b = await item(items.b);
    await http(t.app)
      .patch(api(`/evidence/${items.b}`))
      .set(as('operator'))
      .send({
        version: b.version,
        kind: 'api_list',
        title: 'API unit dua (diperbaiki)',
        documentDate: '2026-03-01',
        indicators: [18],
        unitIds: [units[1].id],
      })
      .expect(200);
    await http(t.app)
      .post(api(`/evidence/${items.b}/status`))
      .set(as('operator'))
      .send({ status: 'submitted' })
      .expect(201);
    const draft = await http(t.app)
      .post(api(`/evidence/${items.c}/status`))
      .set(as('operator'))
      .send({ status: 'submitted' });
    expect(draft.status).toBe(409);
    expect(draft.body.message).toMatch(
      /tahapan Penilaian dokumen.* dibuka hanya bukti yang dikembalikan untuk perbaikan/,
    );
    await http(t.app)
      .post(api(`/evidence/${items.b}/decision`))
      .set(as('evaluator'))
      .send({ status: 'accepted', version: (await item(items.b)).version })
      .expect(201);
    expect(await verified18()).toBe(3);
  });

  it('requires a note when the validated level differs from the verified level, and lists the differences', async () => {
    const bare = await http(t.app)
      .put(api('/periods/2026/assessments/18/validation'))
      .set(as('evaluator'))
      .send({ validatedLevel: 2 });
    expect(bare.status).toBe(400);
    expect(bare.body.message).toMatch(
      /^note: wajib diisi karena nilai validasi \(2\) berbeda dari nilai terverifikasi \(3\)/,
    );
    await http(t.app)
      .put(api('/periods/2026/assessments/18/validation'))
      .set(as('evaluator'))
      .send({ validatedLevel: 2, note: 'Cakupan unit dua belum terbukti saat interviu.' })
      .expect(200);
    const same = await http(t.app)
      .put(api('/periods/2026/assessments/7/validation'))
      .set(as('evaluator'))
      .send({ validatedLevel: 0 })
      .expect(200);
    expect(same.body).toMatchObject({ indicator: 7, verified: 0, validated: 0, validationNote: null });
    await http(t.app)
      .put(api('/periods/2026/assessments/7/validation'))
      .set(as('operator'))
      .send({ validatedLevel: 0 })
      .expect(403);

    const mine = await http(t.app).get(api('/periods/2026/differences')).set(as('coordinator')).expect(200);
    expect(mine.body.differences).toEqual([
      expect.objectContaining({ indicator: 7, claimed: 1, validated: 0, difference: -1 }),
      expect.objectContaining({ indicator: 18, claimed: 4, validated: 2, difference: -2, verified: 3 }),
    ]);
    const national = await http(t.app).get('/api/v1/periods/2026/differences').set(as('admin')).expect(200);
    expect(national.body.summary).toEqual([
      expect.objectContaining({ indicator: 7, differing: 1, lower: 1, meanDifference: '-1.00' }),
      expect.objectContaining({ indicator: 18, differing: 1, lower: 1, meanDifference: '-2.00' }),
    ]);
  });

  it('reopens single items in the interview, takes a rebuttal, and keeps every round', async () => {
    const early = await http(t.app)
      .post(api(`/evidence/${items.a}/reopen`))
      .set(as('evaluator'))
      .send({ question: 'Terlalu cepat' });
    expect(early.status).toBe(409);
    expect((await moveTo('interview')).status).toBe(200);
    const opened = await http(t.app)
      .post(api(`/evidence/${items.a}/reopen`))
      .set(as('evaluator'))
      .send({ question: 'Tunjukkan daftar API terbaru.', version: (await item(items.a)).version })
      .expect(201);
    roundId = opened.body.roundId;
    expect((await item(items.a)).status).toBe('needs_revision');
    expect((await inbox('operator')).map((n) => n.kind)).toContain('reopened');

    // Only the reopened item opens: the rest of the agency's data stays locked.
    const still = [
      await http(t.app).post(api('/units')).set(as('coordinator')).send({ code: 'X', name: 'X' }),
      await http(t.app)
        .post(api(`/evidence/${items.c}/files`))
        .set(as('operator'))
        .attach('files', pdf('c2'), 'c2.pdf'),
    ];
    expect(still.map((r) => r.status)).toEqual([409, 409]);
    const empty = await http(t.app)
      .post(api(`/interview/rounds/${roundId}/answer`))
      .set(as('operator'))
      .send({});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/^comment: /);
    await http(t.app)
      .post(api(`/evidence/${items.a}/files`))
      .set(as('operator'))
      .attach('files', pdf('daftar terbaru'), 'daftar-api-terbaru.pdf')
      .expect(201);
    await http(t.app)
      .post(api(`/interview/rounds/${roundId}/answer`))
      .set(as('operator'))
      .send({ comment: 'Daftar API terbaru terlampir.' })
      .expect(204);
    expect((await item(items.a)).status).toBe('submitted');
    expect((await inbox('evaluator')).map((n) => n.kind)).toContain('answered');
    await http(t.app)
      .post(api(`/interview/rounds/${roundId}/answer`))
      .set(as('operator'))
      .send({ comment: 'Lagi' })
      .expect(409);
    await http(t.app)
      .post(api(`/evidence/${items.a}/files`))
      .set(as('operator'))
      .attach('files', pdf('late'), 'late.pdf')
      .expect(409);
    await http(t.app)
      .post(api(`/evidence/${items.a}/decision`))
      .set(as('evaluator'))
      .send({ status: 'accepted', version: (await item(items.a)).version })
      .expect(201);

    const second = await http(t.app)
      .post(api(`/evidence/${items.a}/reopen`))
      .set(as('evaluator'))
      .send({ question: 'Siapa yang menandatangani?' })
      .expect(201);
    await http(t.app)
      .post(api(`/interview/rounds/${second.body.roundId}/answer`))
      .set(as('coordinator'))
      .send({ comment: 'Kepala Dinas Kominfo.' })
      .expect(204);
    await http(t.app)
      .post(api(`/evidence/${items.a}/decision`))
      .set(as('evaluator'))
      .send({ status: 'accepted' })
      .expect(201);

    const rounds = await http(t.app)
      .get(api('/periods/2026/interview/rounds'))
      .set(as('coordinator'))
      .expect(200);
    expect(
      rounds.body.map((r: { roundNo: number; outcome: string; answer: string }) => [
        r.roundNo,
        r.outcome,
        r.answer,
      ]),
    ).toEqual([
      [2, 'accepted', 'Kepala Dinas Kominfo.'],
      [1, 'accepted', 'Daftar API terbaru terlampir.'],
    ]);
    const first = rounds.body[1];
    expect(first.answerFiles.map((f: { name: string }) => f.name)).toContain('daftar-api-terbaru.pdf');
  });

  it('keeps a comment thread per indicator and per evidence item between agency and evaluator', async () => {
    await http(t.app)
      .post(api('/periods/2026/indicators/18/comments'))
      .set(as('coordinator'))
      .send({ body: 'Mohon ditinjau ulang unit dua.' })
      .expect(201);
    const thread = await http(t.app)
      .post(api('/periods/2026/indicators/18/comments'))
      .set(as('evaluator'))
      .send({ body: 'Sudah kami tinjau.' })
      .expect(201);
    expect(
      thread.body.comments.map((c: { body: string; authorRole: string }) => [c.authorRole, c.body]),
    ).toEqual([
      ['coordinator', 'Mohon ditinjau ulang unit dua.'],
      ['evaluator', 'Sudah kami tinjau.'],
    ]);
    await http(t.app)
      .post(api(`/evidence/${items.b}/comments`))
      .set(as('operator'))
      .send({ body: 'Versi baru.' })
      .expect(201);
    const onItem = await http(t.app)
      .get(api(`/evidence/${items.b}/comments`))
      .set(as('evaluator'))
      .expect(200);
    expect(onItem.body).toMatchObject({
      evidenceTitle: 'API unit dua (diperbaiki)',
      comments: [expect.objectContaining({ body: 'Versi baru.' })],
    });
    const seven = await http(t.app)
      .get(api('/periods/2026/indicators/7/comments'))
      .set(as('coordinator'))
      .expect(200);
    expect(seven.body.comments).toEqual([]);
    await http(t.app).get(api('/periods/2026/indicators/18/comments')).set(as('stranger')).expect(404);
  });

  it('freezes facts, result, versions and hash; the score command re-scores the stored facts to the stored result', async () => {
    const early = await http(t.app).post('/api/v1/periods/2026/freeze').set(as('admin')).send({});
    expect(early.status).toBe(409);
    const [{ facts: before }] = await ds.query(
      'SELECT facts FROM score_snapshot WHERE agency_id = $1 AND period_id = $2',
      [agency.id, period.id],
    );
    expect(before).toBeNull(); // live data gives them back until the period is final
    expect((await moveTo('final')).status).toBe(200);
    // Data that changes after the move (e.g. for a later period) is not what gets frozen.
    const late = await makeUnit(ds, agency);
    const report = await http(t.app)
      .post('/api/v1/periods/2026/freeze')
      .set(as('admin'))
      .send({ agencyIds: [agency.id] })
      .expect(201);
    expect(report.body.frozen).toEqual([
      { agencyId: agency.id, snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);

    const frozen = await http(t.app).get(api('/periods/2026/frozen')).set(as('coordinator')).expect(200);
    expect(frozen.body).toMatchObject({
      intact: true,
      engineVersion: ENGINE_VERSION,
      frameworkVersion: expect.any(String),
    });
    const i18 = frozen.body.indicators.find((i: { indicator: number }) => i.indicator === 18);
    expect(i18.result).toMatchObject({ finalLevel: 2, claimed: 4, supported: 3, verified: 3, validated: 2 });
    expect(i18.facts.units.map((u: { id: string }) => u.id).sort()).toEqual(units.map((u) => u.id).sort());
    expect(i18.facts.units.map((u: { id: string }) => u.id)).not.toContain(late.id);
    for (const row of frozen.body.indicators) {
      const content = {
        agencyId: agency.id,
        periodId: period.id,
        indicator: row.indicator,
        facts: row.facts,
        result: row.result,
        engineVersion: row.engineVersion,
        frameworkVersion: row.frameworkVersion,
      };
      expect(sha256(canonical(content))).toBe(row.hash);
    }
    const list = frozen.body.indicators.map((r: { indicator: number; hash: string }) => ({
      indicator: r.indicator,
      hash: r.hash,
    }));
    expect(sha256(canonical(list))).toBe(frozen.body.snapshotHash);

    const file = join(tmpdir(), `frozen-${agency.id}.json`);
    writeFileSync(file, JSON.stringify(i18.facts));
    for (const basis of ['supported', 'verified'] as const) {
      const run = await collect(spawnEntry('src/cli.ts', ['score', '--input', file, '--basis', basis], {}));
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out.engineVersion).toBe(frozen.body.engineVersion);
      expect(out.indicators['18']).toEqual(i18.result.scores[basis]);
    }
    expect((await inbox('coordinator')).map((n) => n.kind)).toContain('finalised');
    const view = await http(t.app).get(api('/periods/2026/assessments')).set(as('coordinator')).expect(200);
    expect(view.body.frozen.snapshotHash).toBe(frozen.body.snapshotHash);
    expect(view.body.indicators.find((i: { indicator: number }) => i.indicator === 18)).toMatchObject({
      validated: 2,
      verified: 3,
    });
  });

  it('never changes frozen results: not by the API, not in the database', async () => {
    const before = await http(t.app).get(api('/periods/2026/frozen')).set(as('admin')).expect(200);
    const again = await http(t.app).post('/api/v1/periods/2026/freeze').set(as('admin')).send({}).expect(201);
    expect(again.body.alreadyFrozen).toContain(agency.id);
    expect((await moveTo('interview')).status).toBe(409);
    const current = await http(t.app).get('/api/v1/periods/2026').set(as('admin')).expect(200);
    await http(t.app)
      .patch('/api/v1/periods/2026')
      .set(as('admin'))
      .send({ version: current.body.version, edition: 'C' })
      .expect(409);
    await http(t.app)
      .post(api(`/evidence/${items.b}/decision`))
      .set(as('admin'))
      .send({ status: 'rejected', reason: 'x' })
      .expect(409);
    await http(t.app)
      .put(api('/periods/2026/assessments/18/validation'))
      .set(as('admin'))
      .send({ validatedLevel: 5, note: 'x' })
      .expect(409);
    await http(t.app)
      .post(api('/periods/2026/indicators/18/comments'))
      .set(as('coordinator'))
      .send({ body: 'x' })
      .expect(409);

    await expect(
      ds.query("UPDATE frozen_result SET result = '{}'::jsonb WHERE agency_id = $1", [agency.id]),
    ).rejects.toThrow(/frozen_result is frozen: UPDATE is not allowed/);
    await expect(ds.query('DELETE FROM agency_freeze WHERE agency_id = $1', [agency.id])).rejects.toThrow(
      /is frozen/,
    );
    const after = await http(t.app).get(api('/periods/2026/frozen')).set(as('admin')).expect(200);
    expect(after.body).toEqual(before.body);
  });
});
