import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import factsSchema from '../scoring/facts.schema.json';
import { toHundredths } from './decimal';
import { FrameworkError, loadFramework, parseFramework } from './framework.loader';
import { listFrameworks } from './framework.registry';

const yamlText = readFileSync(join(__dirname, 'spbe-2020.yaml'), 'utf8');

// The variants below edit the parsed file freely, including with values of the wrong type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

/** The SPBE 2020 file with one change, written back as YAML (aliases become plain copies). */
function variant(change: (data: Data) => void): string {
  const data: Data = parse(yamlText);
  change(data);
  return stringify(data, { aliasDuplicateObjects: false });
}

function errorOf(text: string): FrameworkError {
  try {
    parseFramework(text, 'test.yaml');
  } catch (error: unknown) {
    if (error instanceof FrameworkError) return error;
    throw error;
  }
  throw new Error('expected a FrameworkError');
}

describe('SPBE 2020 framework data', () => {
  const framework = loadFramework('spbe-2020');
  const indicators = framework.domains.flatMap((d) => d.aspects.flatMap((a) => a.indicators));

  it('is the default and the only registered framework', () => {
    expect(loadFramework()).toBe(framework);
    expect(listFrameworks()).toEqual(['spbe-2020']);
  });

  it('has 4 domains, 8 aspects and indicators 1..47 whose weights sum to exactly 100', () => {
    expect(framework.domains.map((d) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4']);
    expect(framework.domains.flatMap((d) => d.aspects.map((a) => a.code))).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
      'A7',
      'A8',
    ]);
    expect(indicators.map((i) => i.number)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    expect(indicators.reduce((sum, i) => sum + toHundredths(i.weight), 0)).toBe(10000);
    expect(framework.domains.map((d) => d.weight)).toEqual(['13.00', '25.00', '16.50', '45.50']);
  });

  it.each([
    [1, '1.30'],
    [10, '1.30'],
    [11, '2.50'],
    [20, '2.50'],
    [21, '1.50'],
    [31, '1.50'],
    [32, '2.75'],
    [41, '2.75'],
    [42, '3.00'],
    [47, '3.00'],
  ])('gives indicator %i the weight %s', (number, weight) => {
    expect(indicators.find((i) => i.number === number)?.weight).toBe(weight);
  });

  it('names Indicators 7 and 18 as in the regulation, with English', () => {
    const name = (n: number) => indicators.find((i) => i.number === n)?.name;
    expect(name(7)?.id).toBe(
      'Tingkat Kematangan Kebijakan Internal Penggunaan Sistem Penghubung Layanan Instansi Pusat/Pemerintah Daerah',
    );
    expect(name(18)?.id).toBe(
      'Tingkat Kematangan Penggunaan Sistem Penghubung Layanan Instansi Pusat/Pemerintah Daerah',
    );
    expect(name(18)?.en).toContain('Service Hub');
  });

  it('has the five level names and the predicate bands', () => {
    expect(framework.levels.map((l) => l.name.id)).toEqual([
      'Rintisan',
      'Terkelola',
      'Terdefinisi',
      'Terpadu dan Terukur',
      'Optimum',
    ]);
    expect(framework.predicates.map((p) => [p.name.id, p.min])).toEqual([
      ['Memuaskan', '4.20'],
      ['Sangat Baik', '3.50'],
      ['Baik', '2.60'],
      ['Cukup', '1.80'],
      ['Kurang', '0.00'],
    ]);
  });

  it('keeps the edition rules as data', () => {
    const rules = (e: string) => framework.editions[e].rules;
    expect(rules('A')).toEqual({
      reviewWindowMonths: 12,
      integrationTargets: ['splp', 'other_spl'],
      coverageTargetApplies: false,
      policyReplacementGapMonths: 0,
      l5RequiredIntegrations: [],
    });
    expect(rules('B')).toEqual({
      reviewWindowMonths: 12,
      integrationTargets: ['other_spl'],
      coverageTargetApplies: false,
      policyReplacementGapMonths: 0,
      l5RequiredIntegrations: [],
    });
    expect(rules('C')).toEqual({
      reviewWindowMonths: 24,
      integrationTargets: ['splp', 'other_spl'],
      coverageTargetApplies: true,
      policyReplacementGapMonths: 12,
      l5RequiredIntegrations: ['splp'],
    });
    expect(framework.defaultEdition).toBe('B');
  });

  it('uses only evidence kinds that the facts schema knows', () => {
    const known = new Set(factsSchema.$defs.evidence.properties.kind.enum);
    for (const kinds of Object.values(framework.kindSets))
      for (const kind of kinds) expect(known).toContain(kind);
  });

  it('holds every official column in both languages for every edition of Indicators 7 and 18', () => {
    const sourced = (t: { id: string; en: string; source: string; form: string }) =>
      t.id && t.en && framework.sources[t.source] && ['verbatim', 'paraphrase'].includes(t.form);
    for (const assessed of Object.values(framework.assessment)) {
      for (const key of ['indicator', 'assessment', 'evidence'] as const)
        expect(sourced(assessed.explanations[key])).toBeTruthy();
      for (const edition of ['A', 'B', 'C']) {
        expect(assessed.criteria[edition].map((c) => c.level)).toEqual([1, 2, 3, 4, 5]);
        for (const c of assessed.criteria[edition]) {
          expect(sourced(c.text) && sourced(c.fulfilment)).toBeTruthy();
          expect(c.evidence.length).toBeGreaterThan(0);
          for (const item of c.evidence) expect(sourced(item.text) && item.kinds.length).toBeTruthy();
        }
      }
    }
    expect(framework.assessment.splUse.criteria.B[3].text.id).toContain(
      'Sistem Penghubung Layanan Intra Instansi Pusat/Pemerintah Daerah lain',
    );
  });

  it('gives each numbered evidence item of Indicator 18 (edition B) the kind sets of the contract', () => {
    const kinds = framework.assessment.splUse.criteria.B.map((c) => c.evidence.map((item) => item.kinds));
    expect(kinds).toEqual([
      [['L1']],
      [['DOC']],
      [['DOC']],
      [['INTEGRATION'], ['REVIEW']],
      [['FOLLOW_UP'], ['IMPROVEMENT']],
    ]);
    expect(framework.assessment.splUse.criteria.A[3].evidence[0].kinds).toEqual([
      'INTEGRATION',
      'INTEGRATION_SPLP',
    ]);
  });

  it('marks as paraphrase every text the project holds no official text for', () => {
    const forms = (indicator: 'splUse' | 'splPolicy', edition: string) =>
      new Set(
        framework.assessment[indicator].criteria[edition].flatMap((c) => [
          c.text.form,
          c.fulfilment.form,
          ...c.evidence.map((item) => item.text.form),
        ]),
      );
    expect(forms('splUse', 'B')).toEqual(new Set(['verbatim']));
    for (const edition of ['A', 'C']) expect(forms('splUse', edition)).toEqual(new Set(['paraphrase']));
    for (const edition of ['A', 'B', 'C'])
      expect(forms('splPolicy', edition)).toEqual(new Set(['paraphrase']));
  });

  it('is frozen, because it is shared', () => {
    expect(Object.isFrozen(framework.editions.C.rules)).toBe(true);
  });
});

describe('framework validation', () => {
  it('names the file and line of a YAML syntax error', () => {
    const error = errorOf('id: spbe\nlevels: [1, 2\n');
    expect(error.message).toMatch(/^test\.yaml: \$: not valid YAML or JSON at line \d+, column \d+: /);
  });

  it('names the JSON path of a value of the wrong type', () => {
    const error = errorOf(variant((d) => (d.domains[0].aspects[0].indicators[2].weight = 1.3)));
    expect(error.message).toMatch(/^test\.yaml: \$\.domains\[0\]\.aspects\[0\]\.indicators\[2\]\.weight: /);
  });

  it('rejects an unknown key, a typo being the likely cause', () => {
    const error = errorOf(variant((d) => (d.editions.C.rules.reviewWindowMonth = 24)));
    expect(error.path).toBe('$.editions.C.rules');
  });

  it('rejects a domain weight that is not the sum of its indicators', () => {
    expect(errorOf(variant((d) => (d.domains[2].weight = '16.00'))).path).toBe('$.domains[2].weight');
  });

  it('rejects indicator numbers out of order', () => {
    const error = errorOf(variant((d) => (d.domains[1].aspects[0].indicators[1].number = 13)));
    expect(error.path).toBe('$.domains[1].aspects[0].indicators[1].number');
  });

  it('rejects a default edition that is not defined', () => {
    expect(errorOf(variant((d) => (d.defaultEdition = 'D'))).path).toBe('$.defaultEdition');
  });

  it('rejects criteria with a level missing', () => {
    const error = errorOf(variant((d) => d.assessment.splUse.criteria.B.splice(1, 1)));
    expect(error.path).toBe('$.assessment.splUse.criteria.B');
  });

  it('rejects an evidence item that names an unknown kind set, naming its path', () => {
    const error = errorOf(
      variant((d) => (d.assessment.splPolicy.criteria.C[4].evidence[0].kinds = ['POLICY_ENACTED', 'DRAFTS'])),
    );
    expect(error.path).toBe('$.assessment.splPolicy.criteria.C[4].evidence[0].kinds[1]');
  });

  it('rejects an evidence item without kinds, naming its path', () => {
    const empty = errorOf(variant((d) => (d.assessment.splUse.criteria.B[4].evidence[1].kinds = [])));
    expect(empty.message).toBe(
      'test.yaml: $.assessment.splUse.criteria.B[4].evidence[1].kinds: each evidence item needs at least one kind set',
    );
    const missing = errorOf(variant((d) => delete d.assessment.splUse.criteria.B[4].evidence[0].kinds));
    expect(missing.path).toBe('$.assessment.splUse.criteria.B[4].evidence[0].kinds');
  });

  it('rejects a level without its fulfilment text', () => {
    const error = errorOf(variant((d) => delete d.assessment.splUse.criteria.B[2].fulfilment));
    expect(error.path).toBe('$.assessment.splUse.criteria.B[2].fulfilment');
  });

  it('rejects a text whose source is not listed, or whose form is neither verbatim nor paraphrase', () => {
    const source = errorOf(
      variant((d) => (d.assessment.splUse.criteria.B[3].evidence[0].text.source = 'seed-005')),
    );
    expect(source.path).toBe('$.assessment.splUse.criteria.B[3].evidence[0].text.source');
    expect(source.message).toContain('source "seed-005" is not defined under sources');
    const form = errorOf(variant((d) => (d.assessment.splUse.explanations.assessment.form = 'official')));
    expect(form.path).toBe('$.assessment.splUse.explanations.assessment.form');
  });

  it('rejects SPLP onboarding kinds in an edition that counts no SPLP integration', () => {
    const error = errorOf(
      variant(
        (d) => (d.assessment.splUse.criteria.B[3].evidence[0].kinds = ['INTEGRATION', 'INTEGRATION_SPLP']),
      ),
    );
    expect(error.path).toBe('$.assessment.splUse.criteria.B[3].evidence[0].kinds[1]');
  });

  it('rejects an unknown framework id', () => {
    expect(() => loadFramework('ipd-2026')).toThrow('unknown framework; available: spbe-2020');
  });
});
