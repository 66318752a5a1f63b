import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/access/actor';
import { Agency } from '../../src/agencies/agency.entity';
import { Assessment } from '../../src/assessments/assessment.entity';
import { AssessmentsService } from '../../src/assessments/assessments.service';
import { Evidence } from '../../src/evidence/evidence.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { EvidenceFilesService } from '../../src/evidence/evidence-files.service';
import { STORAGE_DRIVER, StorageDriver } from '../../src/storage/storage.driver';
import { makeActor, makeAgency, makeAssessment, makeEvidenceWithFiles, makePeriod } from '../factories';
import { refusalOf } from '../support/refusals';
import { TestServices, createTestServices } from '../support/test-services';

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('evidence carried forward and claims', () => {
  let s: TestServices;
  let ds: DataSource;
  let storage: StorageDriver;

  /** An agency with a coordinator, for tests that must not see each other's rows. */
  const agencyWithCoordinator = async (): Promise<{ agency: Agency; coordinator: Actor }> => {
    const agency = await makeAgency(ds);
    return { agency, coordinator: (await makeActor(ds, 'coordinator', agency)).actor };
  };
  const storedObjects = async (agency: Agency) => {
    const keys: string[] = [];
    for await (const o of storage.list(`evidence/${agency.id}/`)) keys.push(o.key);
    return keys.sort();
  };

  beforeAll(async () => {
    s = await createTestServices();
    ds = s.ds;
    storage = s.get<StorageDriver>(STORAGE_DRIVER);
  });
  afterAll(() => s.close());

  it('carries last year’s items forward as drafts whose files have the same SHA-256', async () => {
    const { agency, coordinator } = await agencyWithCoordinator();
    const from = await makePeriod(ds, { year: 2025 });
    const to = await makePeriod(ds, { year: 2026 });
    const source = await makeEvidenceWithFiles(s, agency, from, [
      { name: 'perbup-spl.pdf', content: '%PDF-1.4 peraturan' },
      { name: 'daftar-api.csv', content: 'api,versi\npajak,1.0\n', mimeType: 'text/csv' },
    ]);

    const result = await s.get(EvidenceFilesService).carryForward(coordinator, agency.id, from, to);

    expect(result.copied).toBe(1);
    const copy = await ds.getRepository(Evidence).findOneByOrFail({ id: result.items[0].evidenceId });
    expect(copy).toMatchObject({ periodId: to.id, status: 'draft', carriedFromId: source.evidence.id });
    const files = await ds.getRepository(EvidenceFile).findBy({ evidenceId: copy.id });
    expect(files.map((f) => [f.originalName, f.sha256]).sort()).toEqual(
      source.files.map((f) => [f.originalName, f.sha256]).sort(),
    );
    for (const f of files) {
      expect(source.files.map((x) => x.storageKey)).not.toContain(f.storageKey);
      expect(await sha256Of(await storage.get(f.storageKey))).toBe(f.sha256);
    }
  });

  it('refuses to carry into a period past self-assessment and writes neither rows nor files', async () => {
    const { agency, coordinator } = await agencyWithCoordinator();
    const from = await makePeriod(ds, { year: 2023 });
    const to = await makePeriod(ds, { year: 2024, stage: 'final' });
    await makeEvidenceWithFiles(s, agency, from);
    const objects = await storedObjects(agency);

    const refused = await refusalOf(
      s.get(EvidenceFilesService).carryForward(coordinator, agency.id, from, to),
    );

    expect(refused.status).toBe(409);
    expect(await ds.getRepository(Evidence).countBy({ agencyId: agency.id, periodId: to.id })).toBe(0);
    expect(await storedObjects(agency)).toEqual(objects);
  });

  it('stores a claim while the assessment is a draft and refuses one after submission', async () => {
    const { agency, coordinator } = await agencyWithCoordinator();
    const period = await makePeriod(ds, { year: 2027 });
    const claims = s.get(AssessmentsService);
    await claims.claim(coordinator, agency.id, 2027, 7, {
      claimedLevel: 2,
      justification: 'Kebijakan SPL ada.',
    });
    await makeAssessment(ds, agency, period, { indicator: 18, claimedLevel: 3, status: 'submitted' });

    const refused = await refusalOf(
      claims.claim(coordinator, agency.id, 2027, 18, { claimedLevel: 5, justification: 'Naik.' }),
    );

    expect(refused).toEqual({ status: 409, code: 'msg.assessment.claim_after_submission' });
    const stored = await ds.getRepository(Assessment).find({
      where: { agencyId: agency.id, periodId: period.id },
      order: { indicator: 'ASC' },
    });
    expect(stored.map((a) => [a.indicator, a.claimedLevel])).toEqual([
      [7, 2],
      [18, 3],
    ]);
  });
});
