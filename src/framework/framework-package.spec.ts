import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { loadShippedPackage, parsePackage, SHIPPED_PACKAGES } from './framework-package';
import { frameworkPackageJsonSchema, type FrameworkPackage } from './framework-package.zod';
import { packageIndicators, provisionalParts } from './framework-package.view';
import { render } from '../i18n/message';

const pemdiText = readFileSync(join(__dirname, 'pemdi-2026.yaml'), 'utf8');

/** The Pemdi package with one change made to its parsed form, as YAML again. */
function pemdiWith(change: (data: FrameworkPackage) => void): string {
  const data = parse(pemdiText) as FrameworkPackage;
  change(data);
  return JSON.stringify(data);
}

describe('framework packages', () => {
  it.each(Object.keys(SHIPPED_PACKAGES))('ships %s as a valid package', (id) => {
    const parsed = parsePackage(readFileSync(join(__dirname, SHIPPED_PACKAGES[id]), 'utf8'), id);
    expect(parsed).toMatchObject({ ok: true, pkg: { id } });
  });

  it('publishes the JSON Schema the validator uses, and the shipped files conform to it', () => {
    const published = JSON.parse(
      readFileSync(join(__dirname, 'framework-package.schema.json'), 'utf8'),
    ) as object;
    // Regenerate with: node -r ./scripts/register-ts.js scripts/framework-package-schema.js
    expect(published).toEqual(frameworkPackageJsonSchema());
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(published);
    for (const file of Object.values(SHIPPED_PACKAGES)) {
      const ok = validate(parse(readFileSync(join(__dirname, file), 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('holds the seven aspects and twenty indicators of Pemdi 2026 with their weights and modes', () => {
    const { pkg } = loadShippedPackage('pemdi-2026');
    expect(pkg.aspects?.map((a) => [a.code, a.weight, a.indicators.length])).toEqual([
      ['A1', '10', 2],
      ['A2', '10', 2],
      ['A3', '15', 4],
      ['A4', '15', 4],
      ['A5', '10', 2],
      ['A6', '15', 4],
      ['A7', '25', 2],
    ]);
    const indicators = packageIndicators(pkg);
    expect(indicators.map((i) => `${i.code}:${i.weight / 100}`).join(' ')).toBe(
      'I1:5 I2:5 I3:5 I4:5 I5:5 I6:3 I7:3 I8:4 I9:4 I10:4 I11:3 I12:4 I13:5 I14:5 I15:4 I16:4 I17:4 I18:3 I19:10 I20:15',
    );
    expect(indicators.filter((i) => i.mode === 'external').map((i) => i.code)).toEqual([
      'I5',
      'I6',
      'I7',
      'I18',
    ]);
    expect(indicators.filter((i) => i.mode === 'evidence').map((i) => i.code)).toEqual(['I16']);
    const i16 = indicators.find((i) => i.code === 'I16')!.definition;
    expect(i16.levels?.map((l) => [l.level, l.text.form, l.text.source])).toEqual(
      [1, 2, 3, 4, 5].map((level) => [level, 'provisional', 'pemdi-unofficial']),
    );
    expect(pkg.predicates.map((p) => `${p.name.id} (${p.name.en}) ${p.min}`)).toEqual([
      'Memuaskan (Leading) 4.00',
      'Sangat Baik (Embedded) 3.50',
      'Baik (Developing) 2.50',
      'Cukup (Emerging) 1.50',
      'Kurang (Initiate) 1.00',
    ]);
    expect(pkg.crosswalk?.map((c) => [c.from.indicator, c.to, c.related ?? []])).toEqual([
      ['I18', 'I16', ['I18', 'I14']],
      ['I7', 'I1', []],
    ]);
    expect(provisionalParts(pkg)).toEqual([
      'structure',
      'predicates',
      'index',
      'I5',
      'I6',
      'I7',
      'I16',
      'I18',
      'crosswalk',
    ]);
  });

  it('reports every problem of an invalid package with its JSON path', () => {
    const parsed = parsePackage(
      pemdiWith((d) => {
        d.aspects![0].indicators[1].weight = '6';
        d.aspects![5].indicators[1].levels![2].text.source = 'nowhere';
        d.crosswalk![0].related = ['I18', 'I40'];
        d.predicates[4].min = '0.00';
      }),
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: '$.predicates[4].min', message: 'the lowest band must start at the scale minimum (1)' },
      {
        path: '$.aspects[0].weight',
        message: 'aspect weight must equal the sum of its indicator weights (11)',
      },
      { path: '$.aspects', message: 'indicator weights must sum to 100 (found 101)' },
      {
        path: '$.aspects[5].indicators[1].levels[2].text.source',
        message: 'source "nowhere" is not defined under sources',
      },
      { path: '$.crosswalk[0].related[1]', message: 'indicator I40 is not in this package' },
    ]);
  });

  it('reports structural problems with their paths, all of them', () => {
    const parsed = parsePackage(
      pemdiWith((d) => {
        (d.aspects![2].indicators[0] as { mode: string }).mode = 'guess';
        Object.assign(d, { scale: { min: 1 }, extra: true });
      }),
    );
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['$', '$.scale.max', '$.aspects[2].indicators[0].mode']),
    );
    // The sentence comes from the catalogue, in the reader's language; the path stays as it is.
    const words = (parsed.ok ? [] : parsed.errors).map((e) => [e.path, render('id', e.problem)]);
    expect(words).toContainEqual(['$', 'kunci tidak dikenal: extra']);
    expect(words).toContainEqual(['$.scale.max', 'seharusnya bertipe number']);
  });

  it('names the line of a YAML syntax error in the reader language', () => {
    const parsed = parsePackage('id: x\nid: y\n', 'broken.yaml');
    const [error] = parsed.ok ? [] : parsed.errors;
    expect(error.path).toBe('$');
    expect(render('id', error.problem)).toMatch(/^bukan YAML atau JSON yang sah \(baris 2, kolom \d+\)$/);
    expect(error.message).toMatch(/^not valid YAML or JSON at line 2, column \d+: /);
  });

  it('checks the engine part of a package the engine scores (SPBE 2020) with the engine schema', () => {
    const spbe = readFileSync(join(__dirname, 'spbe-2020.yaml'), 'utf8');
    const parsed = parsePackage(spbe.replace('defaultEdition: B', 'defaultEdition: Z'), 'spbe.yaml');
    expect(parsed.ok ? [] : parsed.errors.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: '$.defaultEdition', message: 'edition "Z" is not defined under editions' },
    ]);
  });
});
