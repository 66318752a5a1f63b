import { inLang } from './fixtures.testing';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { HubFileError } from './hub-file.error';
import { parseHubFile } from './parse-hub-file';

/**
 * Hostile-input property: whatever bytes arrive, an import either reports row problems with a
 * location, or refuses the whole file with a HubFileError. It never fails in any other way (a
 * TypeError would be a 500 for the user) and never delivers records from a rejected file.
 */
const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hub');
const files = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isFile() && !name.endsWith('.ts'))
  .map((name) => ({ name, bytes: readFileSync(join(FIXTURES, name)) }));

/** Edits that keep most of a real file, so the parsers get past detection and into the rows. */
const mutation = (size: number) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.nat(size),
      byte: fc.integer({ min: 0, max: 255 }),
    }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(size) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(size), text: fc.string({ maxLength: 40 }) }),
    fc.record({
      kind: fc.constant('token' as const),
      at: fc.nat(size),
      text: fc.constantFrom('null', '"', '{', '[]', ',', '\n', '-1', '1e309', 'NaN', '=cmd|', '\u0000', ';'),
    }),
  );

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert' | 'token'; at: number; text: string };

function apply(bytes: Buffer, edits: Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const edit of edits) {
    const at = Math.min(edit.at, out.length);
    if (edit.kind === 'flip') {
      if (out.length > 0) out[Math.min(at, out.length - 1)] = edit.byte;
    } else if (edit.kind === 'cut') out = out.subarray(0, at);
    else out = Buffer.concat([out.subarray(0, at), Buffer.from(edit.text), out.subarray(at)]);
  }
  return out;
}

async function outcome(buffer: Buffer, fileName: string, skipBad: boolean): Promise<void> {
  let delivered = 0;
  try {
    const result = await parseHubFile(
      { buffer, fileName },
      { hubId: 'fuzz-hub', skipBad, onRecord: () => void (delivered += 1) },
    );
    expect(typeof result.ok).toBe('boolean');
    expect(result.problems.length).toBeLessThanOrEqual(100);
    for (const p of inLang(result.problems, 'id')) {
      expect(p.reason).toEqual(expect.any(String));
      expect(p.reason).not.toMatch(/^msg\./);
      expect(p.line !== undefined || p.entry !== undefined || p.path !== undefined).toBe(true);
    }
    if (!result.ok) expect(result.counts.rejected).toBeGreaterThan(0);
  } catch (error) {
    if (!(error instanceof HubFileError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
  expect(delivered).toBeGreaterThanOrEqual(0);
}

describe('hub importers under hostile input', () => {
  it.each(files.map((f) => [f.name, f]))(
    '%s: mutated copies are imported, reported row by row, or refused as a whole',
    async (_name, file) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutation(file.bytes.length), { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          (edits, skipBad) => outcome(apply(file.bytes, edits as Mutation[]), file.name, skipBad),
        ),
        { numRuns: 120 },
      );
    },
  );

  it('arbitrary bytes under any name are refused or reported, never a crash', async () => {
    const names = files.map((f) => f.name);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(...names),
        fc.boolean(),
        (bytes, name, skipBad) => outcome(Buffer.from(bytes), name, skipBad),
      ),
      { numRuns: 400 },
    );
  });

  it('refuses deeply nested JSON without exhausting the stack', async () => {
    const deep = Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    await outcome(deep, 'apis.json', false);
    const objects = Buffer.from(`{"list":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`);
    await outcome(objects, 'apis.json', false);
  });
});

describe('hub importers and YAML bombs', () => {
  it('refuses a "billion laughs" YAML document as a whole', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = Buffer.from(`openapi: 3.0.0\ninfo: {title: t, version: '1'}\n${lines.join('\n')}\n`);
    await expect(
      parseHubFile({ buffer: bomb, fileName: 'bomb.yaml' }, { hubId: 'h' }),
    ).rejects.toBeInstanceOf(HubFileError);
  });
});
