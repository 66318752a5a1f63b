import { loadFramework } from '../framework/framework.loader';
import { scoreWithFramework } from './engine';
import {
  edit,
  fullFacts,
  findEvidence,
  findReview,
  splUseOf,
  type Draft,
  type EditionKey,
} from './facts.factory';
import type { Facts } from './facts.types';
import type { Basis, Lang, SplUseResult } from './scoring.types';

const framework = loadFramework();
const EDITIONS: EditionKey[] = ['A', 'B', 'C'];

function use(facts: Facts, basis: Basis = 'supported', lang: Lang = 'en'): SplUseResult {
  return splUseOf(scoreWithFramework(facts, framework, { basis, lang }));
}

function unitLevels(result: SplUseResult): Record<string, number> {
  return Object.fromEntries(result.units.map((unit) => [unit.id, unit.level]));
}

/** All evidence before 2020 and reviews, follow-ups on the given date: isolates the review window. */
function windowFacts(edition: EditionKey, asOf: string, reviewDate: string): Facts {
  return edit(fullFacts(edition), (d) => {
    d.asOf = asOf;
    for (const item of d.evidence) item.date = '2019-12-01';
    for (const p of d.policies ?? []) p.date = '2019-12-01';
    for (const review of d.reviews ?? []) {
      review.date = reviewDate;
      for (const followUp of review.followUps ?? []) followUp.date = reviewDate;
    }
  });
}

describe('Indicator 18 (use of the SPL)', () => {
  describe.each(EDITIONS)('edition %s', (edition) => {
    const full = () => fullFacts(edition);

    it('reaches level 5 when every condition holds', () => {
      const result = use(full());
      expect(result.level).toBe(5);
      expect(result.next).toBeUndefined();
      expect(unitLevels(result)).toEqual({ dinkes: 5, bappeda: 5 });
      expect(result).toMatchObject({ coverage: 1, unitsInScope: 2, unitsUsingSpl: 2 });
    });

    it('gives level 0 when no indicator-18 evidence exists', () => {
      const facts = edit(full(), (d) => (d.evidence = d.evidence.filter((e) => e.indicator !== 18)));
      expect(use(facts).level).toBe(0);
      expect(use(facts).next?.missing.map((m) => m.code)).toEqual(['I18_L1_NO_EVIDENCE']);
    });

    it('counts agency-wide evidence (units omitted) for agency level 1 but for no unit', () => {
      const facts = edit(full(), (d) => {
        d.evidence = d.evidence.filter((e) => e.id !== 'doc' && e.id !== 'int');
        d.evidence.push({
          id: 'mm',
          indicator: 18,
          kind: 'meeting_minutes',
          status: 'accepted',
          date: '2026-01-01',
        });
      });
      const result = use(facts);
      expect(result.level).toBe(1);
      expect(unitLevels(result)).toEqual({ dinkes: 0, bappeda: 0 });
      expect(result.next?.missing[0]).toMatchObject({
        code: 'I18_L2_NO_UNIT_AT_L2',
        units: ['dinkes', 'bappeda'],
      });
    });

    it('stops a unit at level 1 when its evidence is of an L1 kind but not documentation', () => {
      const facts = edit(full(), (d) => (findEvidence(d, 'doc').kind = 'meeting_invitation'));
      expect(unitLevels(use(facts))).toEqual({ dinkes: 1, bappeda: 1 });
      expect(use(facts).level).toBe(1);
    });

    it('gives level 2 when only some units are at unit level 2 and no target below 1 applies', () => {
      const facts = edit(full(), (d) => (findEvidence(d, 'doc').units = ['dinkes']));
      const result = use(facts);
      expect(result).toMatchObject({ coverage: 0.5, unitsUsingSpl: 1 });
      expect(result.level).toBe(2);
      expect(result.next?.missing[0]).toMatchObject({ code: 'I18_L3_UNITS_BELOW_L2', units: ['bappeda'] });
    });

    it('applies coverageTarget 0.5 only when the edition says so', () => {
      const facts = edit(full(), (d) => {
        findEvidence(d, 'doc').units = ['dinkes'];
        d.coverageTarget = 0.5;
      });
      expect(use(facts).level).toBe(edition === 'C' ? 5 : 2);
      expect(use(facts).coverageTarget).toBe(edition === 'C' ? 0.5 : 1);
    });

    it('stops a unit without applications at level 1', () => {
      const facts = edit(full(), (d) => (d.units[1].applications = []));
      const result = use(facts);
      expect(unitLevels(result)).toEqual({ dinkes: 5, bappeda: 1 });
      expect(result.units[1]).toMatchObject({ coverage: 0, applications: 0 });
      expect(result.units[1].next?.missing.map((m) => m.code)).toEqual(['I18_UNIT_L2_NO_APPLICATIONS']);
      expect(result.level).toBe(2);
    });

    it('stops a unit whose applications all bypass the SPL at level 1', () => {
      const facts = edit(full(), (d) => (d.units[1].applications = [{ id: 'sipd', viaSpl: false }]));
      expect(unitLevels(use(facts)).bappeda).toBe(1);
      expect(use(facts).units[1].next?.missing[0].code).toBe('I18_UNIT_L2_NO_APP_VIA_SPL');
    });

    it('needs agency level 3 units at unit level 2, not unit level 3', () => {
      const facts = edit(
        full(),
        (d) =>
          (d.units[0].applications = [
            { id: 'simpus', viaSpl: true },
            { id: 'sikda', viaSpl: false },
          ]),
      );
      const result = use(facts);
      expect(unitLevels(result).dinkes).toBe(2);
      expect(result.units[0].next?.missing[0].code).toBe('I18_UNIT_L3_BELOW_TARGET');
      expect(result.level).toBe(5);
    });

    it('leaves out-of-scope units out of every population', () => {
      const facts = edit(full(), (d) => {
        d.units.push({ id: 'kecamatan', inScope: false, applications: [] });
        findEvidence(d, 'doc').units = ['dinkes', 'bappeda'];
      });
      const result = use(facts);
      expect(result.level).toBe(5);
      expect(result.unitsInScope).toBe(2);
      expect(result.units.map((u) => u.id)).toEqual(['dinkes', 'bappeda']);
    });

    it('scores only the units in scope when an undocumented unit is out of scope', () => {
      const facts = edit(full(), (d) => {
        findEvidence(d, 'doc').units = ['dinkes'];
        d.units[1].inScope = false;
      });
      expect(use(facts)).toMatchObject({ level: 5, coverage: 1, unitsInScope: 1 });
    });

    it('stops at level 1 with coverage 0 when no unit is in scope', () => {
      const facts = edit(full(), (d) => d.units.forEach((u) => (u.inScope = false)));
      expect(use(facts)).toMatchObject({
        level: 1,
        coverage: 0,
        unitsInScope: 0,
        unitsUsingSpl: 0,
        units: [],
      });
      expect(use(facts).next?.missing[0].code).toBe('I18_L2_NO_UNITS_IN_SCOPE');
    });

    it('reads the integration condition from the edition (other_spl only)', () => {
      const facts = edit(
        full(),
        (d) => (d.integrations = d.integrations?.filter((i) => i.with === 'other_spl')),
      );
      expect(use(facts).level).toBe(edition === 'C' ? 4 : 5);
    });

    it('reads the integration condition from the edition (splp only)', () => {
      const facts = edit(full(), (d) => (d.integrations = d.integrations?.filter((i) => i.with === 'splp')));
      expect(use(facts).level).toBe(edition === 'B' ? 3 : 5);
    });

    it('does not count an integration whose evidence is of no INTEGRATION kind', () => {
      const facts = edit(full(), (d) => {
        d.integrations = d.integrations?.filter((i) => i.with === 'other_spl');
        findEvidence(d, 'int').kind = 'review_report';
      });
      expect(use(facts).level).toBe(3);
      expect(use(facts).next?.missing.map((m) => m.code)).toEqual(['I18_L4_NO_INTEGRATION']);
    });

    it('needs a counting REVIEW-kind evidence item in the review itself', () => {
      expect(use(edit(full(), (d) => (findEvidence(d, 'rev').kind = 'other'))).level).toBe(3);
      expect(use(edit(full(), (d) => (findEvidence(d, 'rev').kind = 'meeting_minutes'))).level).toBe(5);
      expect(use(edit(full(), (d) => (findEvidence(d, 'rev').date = '2026-11-01'))).level).toBe(3);
    });

    it('counts a follow-up only when done, evidenced and dated from the review to asOf', () => {
      const withFollowUp = (change: (f: Draft<Facts>) => void) => use(edit(full(), change)).level;
      const followUp = (d: Draft<Facts>) => (findReview(d, 'r-spl').followUps ?? [])[0];
      expect(withFollowUp((d) => (followUp(d).done = false))).toBe(4);
      expect(withFollowUp((d) => (followUp(d).date = '2026-05-09'))).toBe(4);
      expect(withFollowUp((d) => (followUp(d).date = '2026-05-10'))).toBe(5);
      expect(withFollowUp((d) => (followUp(d).date = AS_OF_PLUS_ONE))).toBe(4);
      expect(withFollowUp((d) => (followUp(d).date = '2026-10-31'))).toBe(5);
      expect(withFollowUp((d) => (findEvidence(d, 'fu').kind = 'other'))).toBe(4);
      expect(withFollowUp((d) => (findEvidence(d, 'fu').kind = 'meeting_invitation'))).toBe(5);
      expect(withFollowUp((d) => (findEvidence(d, 'fu').status = 'needs_revision'))).toBe(4);
    });

    it('needs both numbered evidence items of level 5: evaluation results and before/after (contract 2)', () => {
      const withFollowUp = (change: (f: Draft<Facts>) => void) => use(edit(full(), change)).level;
      const followUp = (d: Draft<Facts>) => (findReview(d, 'r-spl').followUps ?? [])[0];
      expect(withFollowUp((d) => (followUp(d).evidence = ['fu']))).toBe(4);
      expect(withFollowUp((d) => (followUp(d).evidence = ['ba']))).toBe(4);
      expect(withFollowUp((d) => (findEvidence(d, 'fu').kind = 'before_after'))).toBe(4);
      expect(withFollowUp((d) => (findEvidence(d, 'ba').status = 'rejected'))).toBe(4);
      expect(withFollowUp((d) => (findEvidence(d, 'fu').kind = 'comparative_analysis'))).toBe(5);
      const missing = use(
        edit(full(), (d) => (followUp(d).evidence = ['fu'])),
        'supported',
        'en',
      ).next?.missing;
      expect(missing?.[0].message).toContain('before_after');
      expect(missing?.[0].message).toContain(
        'f1 of r-spl (no counting before-and-after evidence of the improvement (item 2))',
      );
    });

    it('lifts units to 4 and 5 only through reviews that cover them', () => {
      const onlyDinkes = edit(full(), (d) => (findReview(d, 'r-spl').units = ['dinkes']));
      expect(use(onlyDinkes).level).toBe(5);
      expect(unitLevels(use(onlyDinkes))).toEqual({ dinkes: 5, bappeda: 3 });
      const defaulted = edit(full(), (d) => delete findReview(d, 'r-spl').units);
      expect(unitLevels(use(defaulted))).toEqual({ dinkes: 5, bappeda: 5 });
    });

    it('needs the follow-up on a review that covers the unit', () => {
      const facts = edit(full(), (d) => {
        findReview(d, 'r-spl').units = ['dinkes'];
        d.reviews?.push({
          id: 'r-b',
          subject: 'spl',
          date: '2026-06-01',
          units: ['bappeda'],
          evidence: ['rev'],
        });
      });
      expect(unitLevels(use(facts))).toEqual({ dinkes: 5, bappeda: 4 });
      expect(use(facts).units[1].next?.missing[0].code).toBe('I18_UNIT_L5_NO_FOLLOW_UP');
    });

    it('requires a counting splp integration at level 5 only where the edition says so', () => {
      const facts = edit(
        full(),
        (d) => (d.integrations = d.integrations?.filter((i) => i.with === 'other_spl')),
      );
      const result = use(facts);
      if (edition === 'C') {
        expect(result.next?.missing.map((m) => m.code)).toEqual(['I18_L5_NO_SPLP_INTEGRATION']);
        expect(result.units[0].next?.missing.map((m) => m.code)).toEqual(['I18_UNIT_L5_NO_SPLP_INTEGRATION']);
      } else {
        expect(result.level).toBe(5);
      }
    });
  });

  describe('evidence status under each basis', () => {
    it.each([
      ['draft', 0, 0],
      ['submitted', 5, 0],
      ['accepted', 5, 5],
      ['needs_revision', 0, 0],
      ['rejected', 0, 0],
    ] as const)(
      'documentation with status %s gives %i supported and %i verified',
      (status, supported, verified) => {
        const facts = edit(fullFacts('B'), (d) => (findEvidence(d, 'doc').status = status));
        expect(use(facts, 'supported').level).toBe(supported);
        expect(use(facts, 'verified').level).toBe(verified);
      },
    );
  });

  describe('evidence dates and indicators', () => {
    it('counts evidence dated on asOf and never evidence dated after it', () => {
      expect(use(edit(fullFacts('B'), (d) => (findEvidence(d, 'doc').date = '2026-10-31'))).level).toBe(5);
      expect(use(edit(fullFacts('B'), (d) => (findEvidence(d, 'doc').date = AS_OF_PLUS_ONE))).level).toBe(0);
    });

    it('does not let evidence of another indicator cover units for Indicator 18', () => {
      expect(use(edit(fullFacts('B'), (d) => (findEvidence(d, 'doc').indicator = 7))).level).toBe(0);
    });

    it('combines evidence items that each cover some units', () => {
      const facts = edit(fullFacts('B'), (d) => {
        findEvidence(d, 'doc').units = ['dinkes'];
        d.evidence.push({
          id: 'doc2',
          indicator: 18,
          kind: 'operating_documentation',
          status: 'accepted',
          date: '2026-02-01',
          units: ['bappeda'],
        });
      });
      expect(use(facts).level).toBe(5);
    });
  });

  describe('review window edges', () => {
    it.each([
      ['A', '2026-10-31', '2025-10-31', 3],
      ['A', '2026-10-31', '2025-11-01', 5],
      ['B', '2026-10-31', '2025-10-31', 3],
      ['B', '2026-10-31', '2025-11-01', 5],
      ['B', '2026-10-31', '2026-10-31', 5],
      ['B', '2026-10-31', '2026-11-01', 3],
      ['C', '2026-10-31', '2024-10-31', 3],
      ['C', '2026-10-31', '2024-11-01', 5],
      ['C', '2026-10-31', '2025-10-31', 5],
      ['A', '2024-02-29', '2023-02-28', 3],
      ['A', '2024-02-29', '2023-03-01', 5],
      ['B', '2025-02-28', '2024-02-28', 3],
      ['B', '2025-02-28', '2024-02-29', 5],
      ['C', '2024-02-29', '2022-02-28', 3],
      ['C', '2024-02-29', '2022-03-01', 5],
      ['B', '2024-03-31', '2023-03-31', 3],
      ['B', '2024-03-31', '2023-04-01', 5],
    ] as const)('edition %s, asOf %s, review on %s gives level %i', (edition, asOf, reviewDate, level) => {
      expect(use(windowFacts(edition, asOf, reviewDate)).level).toBe(level);
    });
  });

  describe('messages', () => {
    it('names the exact review window and kinds in English', () => {
      const facts = edit(fullFacts('B'), (d) => (d.reviews = d.reviews?.filter((r) => r.subject !== 'spl')));
      const missing = use(facts, 'supported', 'en').next?.missing ?? [];
      expect(missing[0].code).toBe('I18_L4_NO_REVIEW_IN_WINDOW');
      expect(missing[0].message).toContain('dated after 2025-10-31 and on or before 2026-10-31');
      expect(missing[0].message).toContain(
        'review_report, meeting_minutes, meeting_invitation or activity_documentation',
      );
      expect(missing[0].message).toContain('submitted or accepted');
    });

    it('speaks Indonesian by default and says why a review does not count', () => {
      const facts = edit(fullFacts('B'), (d) => (findReview(d, 'r-spl').date = '2025-06-01'));
      const output = scoreWithFramework(facts, framework, { basis: 'verified' });
      const message = splUseOf(output).next?.missing[0].message ?? '';
      expect(message).toContain('bertanggal setelah 2025-10-31 dan paling lambat 2026-10-31');
      expect(message).toContain('berstatus accepted');
      expect(message).toContain('r-spl (2025-06-01: pada atau sebelum 2025-10-31, di luar jangka waktu)');
    });

    it('lists evidence that does not count yet, with the reason', () => {
      const facts = edit(fullFacts('B'), (d) => {
        d.evidence = d.evidence.filter((e) => !['int', 'splp'].includes(e.id));
        findEvidence(d, 'doc').status = 'draft';
      });
      const result = use(facts, 'supported', 'en');
      expect(result.level).toBe(0);
      expect(result.next?.missing[0].message).toContain('doc (status draft)');
    });

    it('says how many units and which ones must reach unit level 2', () => {
      const facts = edit(fullFacts('C'), (d) => {
        d.coverageTarget = 0.75;
        d.units.push(
          { id: 'dishub', applications: [{ id: 'x', viaSpl: true }] },
          { id: 'dukcapil', applications: [] },
        );
        findEvidence(d, 'doc').units = ['dinkes'];
      });
      const item = use(facts).next?.missing[0];
      expect(item).toMatchObject({ code: 'I18_L3_UNITS_BELOW_L2', units: ['bappeda', 'dishub', 'dukcapil'] });
      expect(item?.message).toContain('2 more unit(s)');
    });
  });
});

const AS_OF_PLUS_ONE = '2026-11-01';
