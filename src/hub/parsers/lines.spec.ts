import fc from 'fast-check';
import { chunkedStream } from './fixtures.testing';
import { jsonObjects } from './json-seq';
import { lineBatches } from './lines';

async function collectLines(
  text: string,
  sizes: number[],
  max = 1024,
): Promise<Array<[number, string | null]>> {
  const lines: Array<[number, string | null]> = [];
  for await (const batch of lineBatches(chunkedStream(text, sizes), max)) {
    batch.lines.forEach((line, i) => lines.push([batch.firstLine + i, line]));
  }
  return lines;
}

describe('lineBatches', () => {
  it('gives the same numbered lines however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        async (lines, sizes) => {
          const text = lines.map((line) => line.replace(/[\r\n\uFEFF]/g, '')).join('\n');
          // A final line break ends the last line; it does not start an empty one.
          const parts = text.split('\n');
          if (parts[parts.length - 1] === '') parts.pop();
          const expected = parts.map((line, i): [number, string] => [i + 1, line]);
          expect(await collectLines(text, sizes)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops CR of CRLF line ends and the byte-order mark of the first line', async () => {
    expect(await collectLines('\uFEFFa,b\r\nc,d\r\n', [3])).toEqual([
      [1, 'a,b'],
      [2, 'c,d'],
    ]);
  });

  it('reports an overlong line as null without buffering it, and goes on with the next', async () => {
    const text = `short\n${'x'.repeat(5000)}\nnext\n${'y'.repeat(5000)}`;
    expect(await collectLines(text, [64], 100)).toEqual([
      [1, 'short'],
      [2, null],
      [3, 'next'],
      [4, null],
    ]);
  });
});

describe('jsonObjects', () => {
  async function collect(text: string): Promise<unknown[]> {
    const items: unknown[] = [];
    for await (const item of jsonObjects(chunkedStream(text, [5]), 10_000)) items.push(item);
    return items;
  }

  it('reads JSON lines, back-to-back pretty objects and a top-level array alike', async () => {
    const values = [{ a: 1 }, { b: 'x}{"' }];
    const expected = (lines: number[]) => values.map((value, i) => ({ line: lines[i], value }));
    expect(await collect(values.map((v) => JSON.stringify(v)).join('\n'))).toEqual(expected([1, 2]));
    expect(await collect(values.map((v) => JSON.stringify(v, null, 2)).join('\n'))).toEqual(expected([1, 4]));
    expect(await collect(JSON.stringify(values, null, 1))).toEqual(expected([2, 5]));
  });

  it('reports a broken object with its line and keeps reading', async () => {
    const items = await collect('{"a": 1}\n{"b": }\ngarbage\n{"c": 3}\n');
    expect(items).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: expect.objectContaining({ key: 'msg.hubrow.invalidJson' }) as unknown },
      { line: 3, error: { key: 'msg.hubrow.unexpected', params: { char: '"g"' } } },
      { line: 4, value: { c: 3 } },
    ]);
  });
});
