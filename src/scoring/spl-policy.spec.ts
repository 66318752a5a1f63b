import { loadFramework } from '../framework/framework.loader';
import { scoreWithFramework } from './engine';
import {
  edit,
  evidence,
  findEvidence,
  findPolicy,
  findReview,
  fullFacts,
  policy,
  splPolicyOf,
  type Draft,
  type EditionKey,
} from './facts.factory';
import type { Facts } from './facts.types';
import type { Basis, Lang, SplPolicyResult } from './scoring.types';

const framework = loadFramework();
const EDITIONS: EditionKey[] = ['A', 'B', 'C'];

function pol(facts: Facts, basis: Basis = 'supported', lang: Lang = 'en'): SplPolicyResult {
  return splPolicyOf(scoreWithFramework(facts, framework, { basis, lang }));
}

/** Only one policy, a draft or enacted one with the given evidence kind. */
function singlePolicy(edition: EditionKey, status: 'draft' | 'enacted', kind: string): Facts {
  return edit(fullFacts(edition), (d) => {
    d.evidence.push(evidence('only', { indicator: 7, kind, date: '2025-01-01' }));
    d.policies = [policy('p', { status, date: '2025-01-01', evidence: ['only'] })];
  });
}

describe('Indicator 7 (policy on SPL use)', () => {
  describe.each(EDITIONS)('edition %s', (edition) => {
    const full = () => fullFacts(edition);
    const levelAfter = (change: (d: Draft<Facts>) => void) => pol(edit(full(), change)).level;

    it('reaches level 5 when every condition holds', () => {
      expect(pol(full())).toMatchObject({ level: 5, qualifyingPolicies: ['p-old', 'p-new'] });
      expect(pol(full()).next).toBeUndefined();
    });

    it('gives level 0 without policies', () => {
      expect(levelAfter((d) => (d.policies = []))).toBe(0);
    });

    it.each([
      ['draft', 'policy_draft', 1],
      ['draft', 'policy_enacted', 1],
      ['draft', 'meeting_minutes', 1],
      ['draft', 'meeting_invitation', 1],
      ['draft', 'other', 0],
      ['enacted', 'policy_draft', 0],
      ['enacted', 'meeting_minutes', 0],
    ] as const)(
      'a policy with status %s backed by %s evidence gives level %i alone',
      (status, kind, level) => {
        expect(pol(singlePolicy(edition, status, kind)).level).toBe(level);
      },
    );

    it('does not qualify a policy that does not regulate SPL use', () => {
      expect(levelAfter((d) => d.policies?.forEach((p) => (p.regulatesSplUse = false)))).toBe(0);
    });

    it('does not qualify a policy or its evidence dated after asOf', () => {
      expect(levelAfter((d) => d.policies?.forEach((p) => (p.date = '2026-11-01')))).toBe(0);
      expect(levelAfter((d) => d.evidence.forEach((e) => e.indicator === 7 && (e.date = '2026-11-01')))).toBe(
        0,
      );
    });

    it('gives level 2 when enacted policies cover some units in scope', () => {
      expect(levelAfter((d) => d.policies?.forEach((p) => (p.units = ['dinkes'])))).toBe(2);
    });

    it('does not count a policy that covers only out-of-scope units', () => {
      const level = levelAfter((d) => {
        d.units.push({ id: 'lama', inScope: false });
        d.policies?.forEach((p) => (p.units = ['lama']));
      });
      expect(level).toBe(1);
    });

    it('lets enacted policies together cover every unit in scope', () => {
      const facts = edit(full(), (d) => {
        findPolicy(d, 'p-old').units = ['dinkes'];
        findPolicy(d, 'p-new').units = ['bappeda'];
      });
      expect(pol(facts).level).toBe(5);
    });

    it('stops at level 1 when no unit is in scope', () => {
      expect(levelAfter((d) => d.units.forEach((u) => (u.inScope = false)))).toBe(1);
    });

    it('needs an enacted policy regulating the SPLP connection for level 4', () => {
      const facts = edit(full(), (d) => d.policies?.forEach((p) => (p.regulatesSplpConnection = false)));
      expect(pol(facts).level).toBe(3);
      expect(pol(facts).next?.missing.map((m) => m.code)).toEqual(['I7_L4_NO_SPLP_CONNECTION']);
    });

    it('needs an in-window policy review for level 4', () => {
      expect(levelAfter((d) => (findReview(d, 'r-pol').subject = 'spl'))).toBe(3);
      expect(levelAfter((d) => (findEvidence(d, 'pol-rev').kind = 'policy_draft'))).toBe(3);
      expect(
        levelAfter((d) => (findReview(d, 'r-pol').date = edition === 'C' ? '2024-10-31' : '2025-10-31')),
      ).toBe(3);
    });

    it('needs the replacing policy to have replaces set', () => {
      const facts = edit(full(), (d) => (findPolicy(d, 'p-new').replaces = null));
      expect(pol(facts).level).toBe(4);
      expect(pol(facts).next?.missing[0].code).toBe('I7_L5_NO_REPLACING_POLICY');
    });

    it('needs the replacing policy dated strictly after the review', () => {
      const sameDay = edit(full(), (d) => {
        const review = findReview(d, 'r-pol');
        findPolicy(d, 'p-new').date = review.date;
      });
      expect(pol(sameDay).level).toBe(4);
    });

    it('does not count a replacing policy that is only a draft', () => {
      expect(levelAfter((d) => (findPolicy(d, 'p-new').status = 'draft'))).toBe(4);
    });

    it('accepts a chain of replacements', () => {
      const facts = edit(full(), (d) => {
        d.policies?.unshift(policy('p-first', { date: '2022-01-01', evidence: ['pol-old'] }));
        findPolicy(d, 'p-old').replaces = 'p-first';
      });
      expect(pol(facts).level).toBe(5);
    });
  });

  describe('replacement gap after the review', () => {
    /** The policy review and the replacing policy on the given dates; the policy's evidence predates both. */
    function gapFacts(edition: EditionKey, reviewDate: string, policyDate: string): Facts {
      return edit(fullFacts(edition), (d) => {
        findReview(d, 'r-pol').date = reviewDate;
        findPolicy(d, 'p-new').date = policyDate;
        findEvidence(d, 'pol-new').date = '2024-01-01';
      });
    }

    it.each([
      ['A', '2026-10-31', '2026-01-15', '2026-01-16', 5],
      ['B', '2026-10-31', '2026-01-15', '2026-01-15', 4],
      ['B', '2026-10-31', '2026-01-15', '2026-01-16', 5],
      ['C', '2026-10-31', '2025-03-15', '2025-03-16', 4],
      ['C', '2026-10-31', '2025-03-15', '2026-03-14', 4],
      ['C', '2026-10-31', '2025-03-15', '2026-03-15', 5],
      ['C', '2026-02-27', '2024-02-29', '2025-02-28', 5],
      ['C', '2026-02-27', '2024-02-29', '2025-02-27', 4],
    ] as const)(
      'edition %s, asOf %s: review %s, replacing policy %s gives level %i',
      (edition, asOf, review, date, level) => {
        const facts = edit(gapFacts(edition, review, date), (d) => (d.asOf = asOf));
        expect(pol(facts).level).toBe(level);
      },
    );

    it('says when the in-window review is too recent for a replacement by asOf (edition C)', () => {
      const facts = gapFacts('C', '2026-01-15', '2026-02-01');
      const result = pol(facts, 'supported', 'en');
      expect(result.level).toBe(4);
      expect(result.next?.missing[0].code).toBe('I7_L5_REVIEW_TOO_RECENT');
      expect(result.next?.missing[0].message).toContain('on or after 2027-01-15');
    });

    it('names the earliest date a replacing policy may carry', () => {
      const facts = gapFacts('C', '2025-03-15', '2025-06-01');
      const message = pol(facts, 'supported', 'en').next?.missing[0].message ?? '';
      expect(message).toContain('dated on or after 2026-03-15');
      expect(message).toContain('p-new (dated before 2026-03-15)');
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
      'policy evidence with status %s gives %i supported and %i verified',
      (status, supported, verified) => {
        const facts = edit(fullFacts('B'), (d) =>
          d.evidence.forEach((e) => e.kind === 'policy_enacted' && (e.status = status)),
        );
        expect(pol(facts, 'supported').level).toBe(supported);
        expect(pol(facts, 'verified').level).toBe(verified);
      },
    );
  });

  describe('messages', () => {
    it('lists the units no enacted policy covers', () => {
      const facts = edit(fullFacts('B'), (d) => d.policies?.forEach((p) => (p.units = ['dinkes'])));
      const item = pol(facts, 'supported', 'en').next?.missing[0];
      expect(item).toMatchObject({ code: 'I7_L3_UNITS_NOT_COVERED', units: ['bappeda'] });
      expect(item?.message).toContain('bappeda');
    });

    it('explains why policies do not qualify, in Indonesian by default', () => {
      const facts = edit(fullFacts('B'), (d) => d.policies?.forEach((p) => (p.regulatesSplUse = false)));
      const output = scoreWithFramework(facts, framework, { basis: 'supported' });
      const message = splPolicyOf(output).next?.missing[0].message ?? '';
      expect(message).toContain('p-old (tidak mengatur penggunaan SPL)');
    });

    it('names the policy review window for level 4', () => {
      const facts = edit(
        fullFacts('C'),
        (d) => (d.reviews = d.reviews?.filter((r) => r.subject !== 'policy')),
      );
      const item = pol(facts, 'supported', 'en').next?.missing[0];
      expect(item?.code).toBe('I7_L4_NO_REVIEW_IN_WINDOW');
      expect(item?.message).toContain('dated after 2024-10-31 and on or before 2026-10-31');
    });
  });
});
