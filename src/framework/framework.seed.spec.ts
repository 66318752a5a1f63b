import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFramework } from './framework.loader';

/**
 * Edition B of Indicator 18 is the official text of seed 004, word for word (its typos too).
 * The seed is split into its sections by their headings; a section is the text between one
 * heading and the next, with whitespace normalised. Numbered evidence items lose only their
 * numbers ("1. "), which the page shows as the item's position. A line holding only ">" is a
 * layout artefact of the seed, and "Banjarmasin Pintar" is its page footer; neither is text.
 */
const SEED = readFileSync(join(__dirname, '../../test/fixtures/seeds/004_6ccbf6b8a6974d88.txt'), 'utf8');
const HEADINGS = [
  'Penjelasan Indikator',
  'Penjelasan Penilaian',
  'Penjelasan Bukti Dukung',
  'Kriteria Level',
  'Kriteria Pemenuhan Level',
  'Kriteria Bukti Dukung',
];
const FOOTER = 'Banjarmasin Pintar';

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Section lines by "<level>/<heading>", level 0 for the indicator's explanations. */
function seedSections(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let level = 0;
  let current: string[] | null = null;
  for (const raw of SEED.split('\n')) {
    const line = raw.trim();
    const levelHeading = /^Level (\d)$/.exec(line);
    if (levelHeading) {
      level = Number(levelHeading[1]);
      current = null;
    } else if (HEADINGS.includes(line)) {
      current = [];
      sections.set(`${level}/${line}`, current);
    } else if (line === FOOTER) {
      current = null;
    } else if (current && line && line !== '>') {
      current.push(line);
    }
  }
  return sections;
}

/** A section's numbered items ("1. ...", "2. ..."), or the whole section as one item. */
function items(lines: string[]): string[] {
  if (!/^1\. /.test(lines[0])) return [normalise(lines.join(' '))];
  const out: string[] = [];
  for (const line of lines) {
    if (/^\d+\. /.test(line)) out.push(line.replace(/^\d+\. /, ''));
    else out[out.length - 1] += ` ${line}`;
  }
  return out.map(normalise);
}

describe('Indicator 18, edition B, against seed 004', () => {
  const framework = loadFramework('spbe-2020');
  const splUse = framework.assessment.splUse;
  const sections = seedSections();
  const section = (key: string) => {
    const lines = sections.get(key);
    if (!lines?.length) throw new Error(`seed 004 has no section ${key}`);
    return lines;
  };

  it('finds every section of the seed', () => {
    expect(sections.size).toBe(3 + 5 * 3);
  });

  it('holds the three explanations word for word, marked verbatim with the seed as source', () => {
    const pairs = [
      [splUse.explanations.indicator, 'Penjelasan Indikator'],
      [splUse.explanations.assessment, 'Penjelasan Penilaian'],
      [splUse.explanations.evidence, 'Penjelasan Bukti Dukung'],
    ] as const;
    for (const [text, heading] of pairs) {
      expect(normalise(text.id)).toBe(normalise(section(`0/${heading}`).join(' ')));
      expect(text).toMatchObject({ source: 'seed-004', form: 'verbatim' });
    }
  });

  it.each([1, 2, 3, 4, 5])(
    'holds level %i word for word: Kriteria Level, Pemenuhan and each Bukti Dukung item',
    (level) => {
      const criterion = splUse.criteria.B[level - 1];
      expect(criterion.level).toBe(level);
      expect(normalise(criterion.text.id)).toBe(normalise(section(`${level}/Kriteria Level`).join(' ')));
      expect(normalise(criterion.fulfilment.id)).toBe(
        normalise(section(`${level}/Kriteria Pemenuhan Level`).join(' ')),
      );
      expect(criterion.evidence.map((item) => normalise(item.text.id))).toEqual(
        items(section(`${level}/Kriteria Bukti Dukung`)),
      );
      for (const text of [
        criterion.text,
        criterion.fulfilment,
        ...criterion.evidence.map((item) => item.text),
      ])
        expect(text).toMatchObject({ source: 'seed-004', form: 'verbatim' });
    },
  );

  it('keeps the seed typos rather than correcting them', () => {
    expect(splUse.criteria.B[1].fulfilment.id).toContain('pada sebagaian unit kerja/perangkat daerah..');
    expect(splUse.criteria.B[0].text.id).toContain('Instansi Pusat/ Pemerintah Daerah');
  });

  it('names the seed among the sources', () => {
    expect(framework.sources['seed-004'].id).toContain('PermenPANRB 59/2020');
  });
});
