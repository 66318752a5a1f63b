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

  it('holds criteria text in both languages for every edition of Indicators 7 and 18', () => {
    for (const assessed of Object.values(framework.assessment)) {
      for (const edition of ['A', 'B', 'C']) {
        expect(assessed.criteria[edition].map((c) => c.level)).toEqual([1, 2, 3, 4, 5]);
        for (const c of assessed.criteria[edition])
          expect(c.text.id && c.text.en && c.evidence.id && c.evidence.en).toBeTruthy();
      }
    }
    expect(framework.assessment.splUse.criteria.B[3].text.id).toContain(
      'Sistem Penghubung Layanan Intra Instansi Pusat/Pemerintah Daerah lain',
    );
  });

  it('is frozen, because it is shared', () => {
    expect(Object.isFrozen(framework.editions.C.rules)).toBe(true);
  });
});

describe('framework validation', () => {
  it('names the file and line of a YAML syntax error', () => {
    const error = errorOf('id: spbe\nlevels: [1, 2\n');
    expect(error.message).toMatch(/^test\.yaml: line \d+, column \d+: /);
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

  it('rejects a criterion that accepts an unknown kind set', () => {
    const error = errorOf(variant((d) => (d.assessment.splPolicy.criteria.C[0].accepts = ['DRAFTS'])));
    expect(error.path).toBe('$.assessment.splPolicy.criteria.C[0].accepts[0]');
  });

  it('rejects an unknown framework id', () => {
    expect(() => loadFramework('ipd-2026')).toThrow('unknown framework; available: spbe-2020');
  });
});
