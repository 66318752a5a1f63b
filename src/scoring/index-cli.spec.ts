import { loadShippedPackage } from '../framework/framework-package';
import { runIndex } from './index-cli';
import { EXIT_INVALID, EXIT_OK, type ScoreIo } from './score-cli';

/** `index`'s refusals, in process (test/e2e/framework-cli.test.ts runs the real command). */
const PEMDI_CODES = Array.from({ length: 20 }, (_, i) => `I${i + 1}`);
const allAt = (level: number) => Object.fromEntries(PEMDI_CODES.map((c) => [c, level]));

async function run(levels: unknown, options: { raw?: string; missing?: boolean; lang?: 'id' | 'en' } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: ScoreIo = {
    readFile: async (path) => {
      if (options.missing) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return options.raw ?? JSON.stringify(levels);
    },
    readStdin: async () => JSON.stringify(levels),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const lookup = async (id: string) => (id === 'pemdi-2026' ? loadShippedPackage(id).pkg : undefined);
  const code = await runIndex({ framework: 'pemdi-2026', levels: 'levels.json' }, io, lookup, options.lang);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('index command', () => {
  it('prints the index for a complete levels object', async () => {
    const result = await run(allAt(3));
    expect(result.code).toBe(EXIT_OK);
    expect(JSON.parse(result.stdout)).toMatchObject({ framework: 'pemdi-2026', index: 3, predicate: 'Baik' });
  });

  it.each([
    ['a missing indicator', { I1: 3 }, /level belum diisi untuk: I2, /, /level missing for: I2, /],
    [
      'an extra indicator',
      { ...allAt(3), I21: 1 },
      /bukan indikator pemdi-2026 2026\.1: I21/,
      /not an indicator of pemdi-2026 2026\.1: I21/,
    ],
    [
      'a level out of range',
      { ...allAt(3), I7: 0 },
      /I7: level harus bilangan bulat 1\.\.5, bukan 0/,
      /I7: level must be an integer 1\.\.5, got 0/,
    ],
    [
      'a level that is not whole',
      { ...allAt(3), I7: 2.5 },
      /I7: level harus bilangan bulat 1\.\.5, bukan 2\.5/,
      /I7: level must be an integer 1\.\.5, got 2\.5/,
    ],
  ])('exits 2 naming the problem for %s, in Indonesian or English', async (_label, levels, id, en) => {
    const result = await run(levels);
    expect(result.code).toBe(EXIT_INVALID);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(id);
    expect((await run(levels, { lang: 'en' })).stderr).toMatch(en);
  });

  it('exits 2 for text that is not JSON, and for a file it cannot read', async () => {
    const bad = await run(null, { raw: '{"I1": 3,' });
    expect(bad.code).toBe(EXIT_INVALID);
    expect(bad.stderr).toMatch(/bukan JSON yang sah/);
    expect((await run(null, { raw: '{"I1": 3,', lang: 'en' })).stderr).toMatch(/is not valid JSON/);
    const missing = await run(null, { missing: true });
    expect(missing.code).toBe(EXIT_INVALID);
    expect(missing.stderr).toMatch(/levels\.json tidak dapat dibaca/);
    expect((await run(null, { missing: true, lang: 'en' })).stderr).toMatch(/cannot read levels\.json/);
  });
});
