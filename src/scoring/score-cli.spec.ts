import { loadFramework } from '../framework/framework.loader';
import { edit, findEvidence, fullFacts } from './facts.factory';
import { score } from './score';
import {
  EXIT_FAILURE,
  EXIT_INVALID,
  EXIT_OK,
  runScore,
  type ScoreCliOptions,
  type ScoreIo,
} from './score-cli';

interface FakeIo extends ScoreIo {
  readonly out: string[];
  readonly err: string[];
}

function fakeIo(files: Record<string, string>, stdin = ''): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    readFile: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path];
    },
    readStdin: async () => stdin,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
  };
}

const FACTS = JSON.stringify(fullFacts('B'));

async function run(
  options: ScoreCliOptions,
  files: Record<string, string> = { 'facts.json': FACTS },
  stdin = '',
) {
  const io = fakeIo(files, stdin);
  const code = await runScore(options, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('runScore', () => {
  it('prints the output JSON and exits 0', async () => {
    const { code, out, err } = await run({ input: 'facts.json' });
    expect(code).toBe(EXIT_OK);
    expect(err).toBe('');
    expect(JSON.parse(out)).toEqual(score(fullFacts('B'), { basis: 'supported' }));
  });

  it('scores with the verified basis and English messages on request', async () => {
    const facts = edit(fullFacts('B'), (d) => (findEvidence(d, 'doc').status = 'submitted'));
    const { out } = await run(
      { input: 'f.json', basis: 'verified', lang: 'en' },
      { 'f.json': JSON.stringify(facts) },
    );
    const output = JSON.parse(out);
    expect(output).toMatchObject({ basis: 'verified', lang: 'en' });
    // Contract 2: the SOP behind the integration no longer counts at level 1, so nothing does.
    expect(output.indicators['18'].level).toBe(0);
    expect(output.indicators['18'].next.missing[0].message).toMatch(/^Upload indicator-18 evidence of kind/);
  });

  it('reads standard input with --input -', async () => {
    const { code, out } = await run({ input: '-' }, {}, FACTS);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(out).indicators['7'].level).toBe(5);
  });

  it('accepts a file that starts with a byte-order mark', async () => {
    expect((await run({ input: 'f.json' }, { 'f.json': `\uFEFF${FACTS}` })).code).toBe(EXIT_OK);
  });

  it('explains in Indonesian by default, with the unit table', async () => {
    const facts = edit(fullFacts('B'), (d) => (findEvidence(d, 'doc').units = ['dinkes']));
    const { code, out } = await run({ input: 'f.json', explain: true }, { 'f.json': JSON.stringify(facts) });
    expect(code).toBe(EXIT_OK);
    expect(out).toContain('Indikator 18: Tingkat Kematangan Penggunaan Sistem Penghubung Layanan');
    expect(out).toContain('Level: 2 (Terkelola)');
    expect(out).toContain('Yang kurang untuk level 3:');
    expect(out).toContain('I18_L3_UNITS_BELOW_L2');
    expect(out).toMatch(/Unit\s+Level\s+Aplikasi via SPL/);
    expect(out).toMatch(/bappeda\s+0\s+1\/1 \(100%\)\s+I18_UNIT_L1_NO_EVIDENCE/);
  });

  it('explains in English with --lang en', async () => {
    const { out } = await run({ input: 'facts.json', explain: true, lang: 'en' });
    expect(out).toContain('Indicator 7: Maturity of the Internal Policy');
    expect(out).toContain('Level: 5 (Optimized)');
    expect(out).toContain('The highest level is reached.');
    expect(out).toContain('[x] 4 Integrated and Measured');
    expect(out).toContain('Readings applied (where the official criteria leave room):');
    expect(out).toContain('within the 12 calendar months before the assessment date');
  });

  it.each([
    [{}, '--input FILE wajib diisi', '--input FILE is required'],
    [
      { input: 'facts.json', basis: 'claimed' },
      '--basis: dasar "claimed" tidak dikenal; pilih salah satu dari supported, verified',
      '--basis: unknown basis "claimed"; choose one of supported, verified',
    ],
    [
      { input: 'facts.json', lang: 'fr' },
      '--lang: bahasa "fr" tidak dikenal; pilih salah satu dari id, en',
      '--lang: unknown language "fr"; choose one of id, en',
    ],
    [
      { input: 'missing.json' },
      'missing.json tidak dapat dibaca: ENOENT',
      'cannot read missing.json: ENOENT',
    ],
  ] as [ScoreCliOptions, string, string][])(
    'exits 2 for the options %j, in Indonesian by default and in the tool language',
    async (options, indonesian, english) => {
      const { code, out, err } = await run(options);
      expect(code).toBe(EXIT_INVALID);
      expect(out).toBe('');
      expect(err).toContain(`score: ${indonesian}`);
      const io = fakeIo({ 'facts.json': FACTS });
      expect(await runScore(options, io, undefined, 'en')).toBe(EXIT_INVALID);
      expect(io.err.join('')).toContain(`score: ${english}`);
    },
  );

  it('says what is wrong in the language of --lang, whatever the tool speaks', async () => {
    const io = fakeIo({});
    expect(await runScore({ input: 'missing.json', lang: 'en' }, io, undefined, 'id')).toBe(EXIT_INVALID);
    expect(io.err.join('')).toContain('score: cannot read missing.json: ENOENT');
  });

  it('exits 2 for a file that is not JSON', async () => {
    const { code, err } = await run({ input: 'f.json', lang: 'en' }, { 'f.json': '{ "asOf": ' });
    expect(code).toBe(EXIT_INVALID);
    expect(err).toContain('f.json is not valid JSON');
    expect((await run({ input: 'f.json' }, { 'f.json': '{ "asOf": ' })).err).toContain(
      'f.json bukan JSON yang sah',
    );
  });

  it('exits 2 with the JSON path of invalid facts', async () => {
    const facts = edit(
      fullFacts('B'),
      (d) => (d.reviews = [{ id: 'r', subject: 'spl', date: '2026-01-01', evidence: ['nope'] }]),
    );
    const { code, err } = await run({ input: 'f.json', lang: 'en' }, { 'f.json': JSON.stringify(facts) });
    expect(code).toBe(EXIT_INVALID);
    expect(err).toBe('score: invalid facts at $.reviews[0].evidence[0]: unknown evidence id "nope"\n');
    // The facts check's own words are quoted as they are.
    expect((await run({ input: 'f.json' }, { 'f.json': JSON.stringify(facts) })).err).toBe(
      'score: fakta tidak sah di $.reviews[0].evidence[0]: unknown evidence id "nope"\n',
    );
  });

  it('exits 1 when the framework itself cannot be loaded', async () => {
    const io = fakeIo({ 'facts.json': FACTS });
    const code = await runScore({ input: 'facts.json' }, io, () => {
      throw new Error('spbe-2020.yaml: $.levels: broken');
    });
    expect(code).toBe(EXIT_FAILURE);
    expect(io.err.join('')).toContain('spbe-2020.yaml');
  });

  it('uses the framework it is given', async () => {
    const io = fakeIo({ 'facts.json': FACTS });
    expect(await runScore({ input: 'facts.json' }, io, () => loadFramework('spbe-2020'))).toBe(EXIT_OK);
  });
});
