import { loadFramework } from '../framework/framework.loader';
import type { Framework } from '../framework/framework.schema';
import { ENGINE_VERSION, scoreWithFramework } from './engine';
import { FactsError } from './facts.error';
import { edit, findEvidence, findReview, fullFacts, splUseOf } from './facts.factory';
import { score } from './score';

const spbe2020 = loadFramework();

/** A copy of the SPBE 2020 framework with changes, as a successor framework file would bring. */
function variant(change: (framework: Framework & Record<string, unknown>) => void): Framework {
  const copy = structuredClone(spbe2020) as Framework & Record<string, unknown>;
  change(copy);
  return copy;
}

describe('score output', () => {
  it('carries what the contract lists, plus provenance', () => {
    const output = score(fullFacts('B'), { basis: 'supported' });
    expect(output).toMatchObject({
      contract: 2,
      basis: 'supported',
      asOf: '2026-10-31',
      edition: 'B',
      lang: 'id',
      engineVersion: ENGINE_VERSION,
      frameworkId: 'spbe-2020',
      frameworkVersion: '2020.1',
      reviewWindow: { months: 12, after: '2025-10-31', onOrBefore: '2026-10-31' },
    });
    expect(Object.keys(output.indicators)).toEqual(['7', '18']);
    expect(output.indicators['18']).toMatchObject({
      level: 5,
      coverage: 1,
      unitsInScope: 2,
      unitsUsingSpl: 2,
    });
    expect(output.indicators['18']).not.toHaveProperty('next');
    expect(output.warnings).toBeUndefined();
  });

  it('gives per-level criteria with the codes of the unmet ones', () => {
    const facts = edit(fullFacts('B'), (d) => (d.reviews = []));
    const result = splUseOf(score(facts, { basis: 'supported', lang: 'en' }));
    expect(result.criteria.map((c) => [c.level, c.name, c.met, c.codes])).toEqual([
      [1, 'Initial', true, []],
      [2, 'Managed', true, []],
      [3, 'Defined', true, []],
      [4, 'Integrated and Measured', false, ['I18_L4_NO_REVIEW_IN_WINDOW']],
      [5, 'Optimized', false, ['I18_L5_NO_FOLLOW_UP']],
    ]);
    expect(result).toMatchObject({ level: 3, levelName: 'Defined', next: { level: 4 } });
  });

  it('defaults the edition to the framework default (B)', () => {
    const facts = edit(fullFacts('B'), (d) => delete d.edition);
    expect(score(facts, { basis: 'supported' }).edition).toBe('B');
  });

  it('rejects an edition the framework does not define', () => {
    const facts = edit(fullFacts('B'), (d) => (d.edition = 'Z'));
    expect(() => score(facts, { basis: 'supported' })).toThrow(FactsError);
  });

  it('warns about unit ids that name no unit and about an ignored coverage target', () => {
    const facts = edit(fullFacts('B'), (d) => {
      findEvidence(d, 'doc').units = ['dinkes', 'bappeda', 'ghost'];
      d.coverageTarget = 0.5;
    });
    const output = score(facts, { basis: 'supported', lang: 'en' });
    expect(output.warnings?.map((w) => [w.code, w.path])).toEqual([
      ['UNKNOWN_UNIT', '$.evidence[0].units[2]'],
      ['COVERAGE_TARGET_IGNORED', '$.coverageTarget'],
    ]);
  });

  it('does not filter evidence linked to a review by its indicator', () => {
    const facts = edit(fullFacts('B'), (d) => (findEvidence(d, 'rev').indicator = 7));
    expect(splUseOf(score(facts, { basis: 'supported' })).level).toBe(5);
  });
});

describe('rules read from the framework data', () => {
  it('follows a different review window without code changes', () => {
    const shortWindow = variant((f) => (f.editions.B.rules.reviewWindowMonths = 3));
    const facts = fullFacts('B');
    expect(splUseOf(scoreWithFramework(facts, shortWindow, { basis: 'supported' })).level).toBe(3);
  });

  it('follows different kind sets and integration targets', () => {
    const strict = variant((f) => {
      f.kindSets.REVIEW = ['review_report'];
      f.editions.A.rules.integrationTargets = ['splp'];
    });
    const minutes = edit(fullFacts('A'), (d) => (findEvidence(d, 'rev').kind = 'meeting_minutes'));
    expect(splUseOf(scoreWithFramework(minutes, strict, { basis: 'supported' })).level).toBe(3);
    const noSplp = edit(
      fullFacts('A'),
      (d) => (d.integrations = d.integrations?.filter((i) => i.with !== 'splp')),
    );
    expect(splUseOf(scoreWithFramework(noSplp, strict, { basis: 'supported' })).level).toBe(3);
  });

  it('scores a successor framework that numbers the indicators differently', () => {
    const successor = variant((f) => {
      f.id = 'ipd-2026';
      f.assessment.splUse.indicator = 17;
      f.editions = { B: f.editions.B };
      f.assessment.splUse.criteria = { B: f.assessment.splUse.criteria.B };
      f.assessment.splPolicy.criteria = { B: f.assessment.splPolicy.criteria.B };
    });
    const facts = edit(fullFacts('B'), (d) => {
      d.evidence.forEach((e) => e.indicator === 18 && (e.indicator = 17));
      findReview(d, 'r-spl').followUps = [];
    });
    const output = scoreWithFramework(facts, successor, { basis: 'supported', lang: 'en' });
    expect(Object.keys(output.indicators)).toEqual(['7', '17']);
    expect(output.indicators['17'].next?.missing[0].code).toBe('I17_L5_NO_FOLLOW_UP');
    expect(output.frameworkId).toBe('ipd-2026');
  });
});

describe('scoring contract version 2', () => {
  it('counts splp_onboarding only for an integration with the national SPLP', () => {
    const onboardingOnly = (target: 'splp' | 'other_spl') =>
      edit(fullFacts(target === 'splp' ? 'A' : 'B'), (d) => {
        d.integrations = [{ id: 'i1', with: target, evidence: ['splp'] }];
      });
    expect(splUseOf(score(onboardingOnly('splp'), { basis: 'supported' })).level).toBe(5);
    const other = splUseOf(score(onboardingOnly('other_spl'), { basis: 'supported', lang: 'en' }));
    expect(other.level).toBe(3);
    expect(other.next?.missing[0].message).toContain('operating_documentation or sop');
    expect(other.next?.missing[0].message).not.toContain('splp_onboarding');
  });

  it('takes the review window from the input and says so among the readings', () => {
    const facts = edit(fullFacts('B'), (d) => (findReview(d, 'r-spl').date = '2024-12-01'));
    expect(splUseOf(score(facts, { basis: 'supported' })).level).toBe(3);
    const widened = score(
      edit(facts, (d) => (d.reviewWindowMonths = 24)),
      { basis: 'supported', lang: 'en' },
    );
    expect(splUseOf(widened).level).toBe(5);
    expect(widened.reviewWindow).toEqual({ months: 24, after: '2024-10-31', onOrBefore: '2026-10-31' });
    const window = widened.readings.find((r) => r.key === 'reviewWindow');
    expect(window).toMatchObject({ value: 24, source: 'input' });
    expect(window?.text).toContain('24 calendar months');
  });

  it('declares every reading it applies, with the edition default when the input has none', () => {
    const output = score(fullFacts('C'), { basis: 'supported' });
    expect(output.readings.map((r) => r.key)).toEqual([
      'reviewWindow',
      'levelZero',
      'unitLevel2',
      'coverage',
      'linkedEvidence',
    ]);
    expect(output.readings[0]).toMatchObject({ value: 24, source: 'edition' });
    expect(output.readings[0].text).toContain('secara periodik');
  });
});
