import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CHECK_TYPES, criterionCheck } from '../framework/criteria.schema';
import { FrameworkError, parseFramework } from '../framework/framework.loader';
import type { Framework } from '../framework/framework.schema';
import { scoreWithFramework } from './engine';
import { edit, findEvidence, findReview, fullFacts, splPolicyOf, splUseOf } from './facts.factory';
import type { Facts } from './facts.types';

const yamlText = readFileSync(join(__dirname, '..', 'framework', 'spbe-2020.yaml'), 'utf8');

// The variants edit the parsed file freely, including with values of the wrong type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

/** The SPBE 2020 file with one change, through the real loader (aliases become plain copies). */
function variantText(change: (data: Data) => void): string {
  const data: Data = parse(yamlText);
  change(data);
  return stringify(data, { aliasDuplicateObjects: false });
}

function variant(change: (data: Data) => void): Framework {
  return parseFramework(variantText(change), 'variant.yaml');
}

function errorOf(change: (data: Data) => void): FrameworkError {
  try {
    variant(change);
  } catch (error: unknown) {
    if (error instanceof FrameworkError) return error;
    throw error;
  }
  throw new Error('expected a FrameworkError');
}

const original = parseFramework(yamlText, 'spbe-2020.yaml');
const useLevel = (facts: Facts, framework: Framework) =>
  splUseOf(scoreWithFramework(facts, framework, { basis: 'supported', lang: 'en' }));
const policyLevel = (facts: Facts, framework: Framework) =>
  splPolicyOf(scoreWithFramework(facts, framework, { basis: 'supported', lang: 'en' })).level;

/** Dinkes routes one of its two applications through the SPL. */
const halfRouted = edit(
  fullFacts('B'),
  (d) =>
    (d.units[0].applications = [
      { id: 'simpus', viaSpl: true },
      { id: 'sikda', viaSpl: false },
    ]),
);

describe('levels read from the checks of the framework file', () => {
  it('lowers the levels when a level-1 evidence check loses the kind the agency holds', () => {
    const facts = edit(fullFacts('B'), (d) => {
      findEvidence(d, 'doc').kind = 'usage_report';
    });
    expect(useLevel(facts, original).level).toBe(1);
    const strict = variant((d) => {
      const l1 = d.assessment.splUse.criteria.B[0];
      l1.checks[0].kinds = ['DOC'];
      l1.unitChecks[0].kinds = ['DOC'];
    });
    const result = useLevel(facts, strict);
    expect(result.level).toBe(0);
    expect(result.next?.missing.map((gap) => gap.code)).toEqual(['I18_L1_NO_EVIDENCE']);
    expect(result.units.map((unit) => unit.level)).toEqual([0, 0]);
  });

  it('raises a unit and the agency when the share target in the file is lowered to one half', () => {
    const before = useLevel(halfRouted, original);
    expect(before.units.map((unit) => [unit.id, unit.level])).toEqual([
      ['dinkes', 2],
      ['bappeda', 5],
    ]);
    expect(before.level).toBe(5);
    const half = variant((d) => (d.assessment.splUse.criteria.B[2].unitChecks[0].atLeast = 0.5));
    expect(useLevel(halfRouted, half).units.map((unit) => unit.level)).toEqual([5, 5]);
  });

  it('grants level 4 without a review once the file drops the review check', () => {
    const noReview = edit(fullFacts('B'), (d) => (d.reviews = d.reviews?.filter((r) => r.subject !== 'spl')));
    expect(useLevel(noReview, original).level).toBe(3);
    const lenient = variant((d) => {
      const l4 = d.assessment.splUse.criteria.B[3];
      l4.checks = l4.checks.filter((check: Data) => check.check !== 'review');
      l4.unitChecks = l4.unitChecks.filter((check: Data) => check.check !== 'review');
    });
    const result = useLevel(noReview, lenient);
    expect(result.level).toBe(4);
    expect(result.next?.missing.map((gap) => gap.code)).toEqual(['I18_L5_NO_FOLLOW_UP']);
  });

  it('takes the months between review and new policy from the check, literal or from the edition', () => {
    expect(policyLevel(fullFacts('B'), original)).toBe(5);
    const year = variant((d) => (d.assessment.splPolicy.criteria.B[4].checks[0].months = 1));
    const output = splPolicyOf(scoreWithFramework(fullFacts('B'), year, { basis: 'supported' }));
    expect(output.level).toBe(4);
    expect(output.next?.missing.map((gap) => gap.code)).toEqual(['I7_L5_NO_REPLACING_POLICY']);
  });

  it('yields the gap code the check declares', () => {
    const renamed = variant((d) => (d.assessment.splUse.criteria.B[4].checks[0].gap = 'NO_IMPROVEMENT'));
    const facts = edit(fullFacts('B'), (d) => (findReview(d, 'r-spl').followUps = []));
    expect(useLevel(facts, renamed).next?.missing.map((gap) => gap.code)).toEqual(['I18_L5_NO_IMPROVEMENT']);
  });
});

describe('validation of the checks', () => {
  // Editions B and C share edition A's checks (YAML anchors): the error names where they are written.
  const at = '$.assessment.splUse.criteria.A';

  it('refuses an unknown check type, naming its path', () => {
    const error = errorOf((d) => (d.assessment.splUse.criteria.A[2].unitChecks[0].check = 'quota'));
    expect(error.message).toContain(`variant.yaml: ${at}[2].unitChecks[0]`);
    expect(error.message).toContain('unknown check type; expected one of evidence, share, integration');
  });

  it('refuses a bad or unknown parameter, naming its path', () => {
    expect(errorOf((d) => (d.assessment.splUse.criteria.A[2].checks[0].atLeast = 1.5)).path).toBe(
      `${at}[2].checks[0].atLeast`,
    );
    expect(errorOf((d) => (d.assessment.splUse.criteria.A[0].checks[0].kinds = ['LEVEL1'])).path).toBe(
      `${at}[0].checks[0].kinds[0]`,
    );
    expect(errorOf((d) => (d.assessment.splUse.criteria.A[3].checks[1].units = 'all')).path).toBe(
      `${at}[3].checks[1]`,
    );
    expect(
      errorOf((d) => (d.assessment.splUse.criteria.A[3].checks[0].with = { rule: 'reviewWindowMonths' }))
        .path,
    ).toBe(`${at}[3].checks[0].with`);
    expect(errorOf((d) => delete d.assessment.splPolicy.criteria.A[0].checks[0].gap).path).toBe(
      '$.assessment.splPolicy.criteria.A[0].checks[0].gap',
    );
  });

  it('refuses a check where it cannot be evaluated', () => {
    const unitOnly = errorOf((d) =>
      d.assessment.splUse.criteria.A[2].checks.push({
        check: 'share',
        of: 'applications',
        atLeast: 'any',
        gap: 'X',
      }),
    );
    expect(unitOnly.path).toBe(`${at}[2].checks[1].of`);
    expect(unitOnly.message).toContain('a share of applications is a unit check');
    const policyForUnit = errorOf((d) =>
      d.assessment.splUse.criteria.A[0].unitChecks.push({ check: 'policy', status: 'any', gap: 'X' }),
    );
    expect(policyForUnit.path).toBe(`${at}[0].unitChecks[1].check`);
    const missingUnits = errorOf((d) => delete d.assessment.splUse.criteria.C[4].unitChecks);
    expect(missingUnits.path).toBe('$.assessment.splUse.criteria.C[4]');
    const mixed = errorOf((d) => (d.assessment.splPolicy.criteria.A[0].checks[0].covers = 'all'));
    expect(mixed.message).toContain(
      '$.assessment.splPolicy.criteria.A[0].checks[0].covers: covers applies to enacted policies',
    );
    expect(errorOf((d) => (d.assessment.splPolicy.criteria.A[0].checks = [])).path).toBe(
      '$.assessment.splPolicy.criteria.A[0].checks',
    );
  });
});

describe('docs/criteria-vocabulary.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'criteria-vocabulary.md'), 'utf8');

  it('documents every check type with an example the loader accepts', () => {
    for (const type of CHECK_TYPES) {
      const section = doc.split(`### \`${type}\``)[1]?.split('\n### ')[0];
      expect(section).toBeDefined();
      const example = /```yaml\n([\s\S]*?)```/.exec(section ?? '')?.[1];
      const parsed = criterionCheck.safeParse((parse(example ?? '') as unknown[])[0]);
      expect(parsed.success && parsed.data.check).toBe(type);
    }
  });
});
