import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chunkedStream, fixturePath, HUB, inLang, parseFixture, parseText } from './fixtures.testing';
import type { HubRecord } from './hub.types';
import { parseHubFile } from './parse-hub-file';

const badCsv = (badRows: number, goodRows: number): string => {
  const header = 'hub_id,period_start,period_end,api_name,total_calls';
  const good = Array.from({ length: goodRows }, (_, i) => `h,2024-01-01,2024-01-31,Api${i},1`);
  const bad = Array.from({ length: badRows }, () => 'h,2024-01-01,2024-01-31,Api,many');
  return [header, ...good, ...bad].join('\n');
};

describe('parseHubFile', () => {
  it('imports nothing and says which lines are wrong when a file has bad rows', async () => {
    const result = await parseText(badCsv(2, 3), 'usage.csv');
    expect(result).toMatchObject({
      ok: false,
      records: [],
      counts: { rowsRead: 5, accepted: 3, rejected: 2, records: 0 },
    });
    expect(result.problems.map((p) => p.line)).toEqual([5, 6]);
  });

  it('imports the good rows and reports the rest with skipBad', async () => {
    const result = await parseText(badCsv(2, 3), 'usage.csv', { skipBad: true });
    expect(result).toMatchObject({ ok: true, counts: { accepted: 3, rejected: 2, records: 3 } });
    expect(result.records).toHaveLength(3);
  });

  it('keeps the first 100 problems and says that more were left out', async () => {
    const result = await parseText(badCsv(250, 1), 'usage.csv');
    expect(result.problems).toHaveLength(100);
    expect(result.problems[0].line).toBe(3);
    expect(result.problemsTruncated).toBe(true);
    expect(result.counts.rejected).toBe(250);
  });

  it('honours a smaller problem limit', async () => {
    const result = await parseText(badCsv(5, 0), 'usage.csv', { maxProblems: 2 });
    expect(result.problems).toHaveLength(2);
  });

  it('hands records to a sink instead of collecting them, and stops at the first problem', async () => {
    const received: HubRecord[] = [];
    const text = `${badCsv(0, 2)}\nh,2024-01-01,2024-01-31,Api,many\nh,2024-01-01,2024-01-31,Later,1`;
    const result = await parseText(text, 'usage.csv', { onRecord: (r) => void received.push(r) });
    expect(result.records).toEqual([]);
    expect(received).toHaveLength(2);
    expect(result.ok).toBe(false);
  });

  it('hashes the file bytes, so the same file is recognised whatever its name or chunking', async () => {
    const bytes = readFileSync(fixturePath('f5-apim_metrics.log'));
    const expected = createHash('sha256').update(bytes).digest('hex');
    const fromPath = await parseFixture('f5-apim_metrics.log');
    const fromStream = await parseHubFile(
      { stream: chunkedStream(bytes, [7, 300]), fileName: 'renamed.log' },
      { hubId: HUB },
    );
    expect([fromPath.sha256, fromStream.sha256]).toEqual([expected, expected]);
    expect(fromStream.bytes).toBe(bytes.length);
    expect(fromStream.records).toEqual(fromPath.records);
  });

  it('hashes an archive although only a few of its entries are read', async () => {
    const bytes = readFileSync(fixturePath('f2-apictl-4x.zip'));
    const result = await parseFixture('f2-apictl-4x.zip');
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reads a large document arriving in small chunks exactly as from a file', async () => {
    const bytes = readFileSync(fixturePath('f7-uptimerobot-v2.json'));
    const options = { hubId: HUB, uptime: { exportedAt: new Date('2024-02-01T00:00:00Z') } };
    const streamed = await parseHubFile({ stream: chunkedStream(bytes, [13]), fileName: 'm.json' }, options);
    expect(streamed.records).toEqual((await parseFixture('f7-uptimerobot-v2.json', options)).records);
  });

  it('refuses a JSON document over the size limit with a clear error', async () => {
    const attempt = parseFixture('f1-publisher-v4-list.json', { limits: { maxDocumentBytes: 1024 } });
    await expect(attempt).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining(
        'larger than 1 KiB, the limit for a single JSON or YAML document',
      ) as unknown,
    });
  });

  it('reports an overlong log line as a problem instead of buffering it', async () => {
    const text = `${'x'.repeat(5000)}\n`;
    const result = await parseText(text, 'apim_metrics.log', {
      format: 'F5-log',
      limits: { maxLineBytes: 1000 },
    });
    expect(inLang(result.problems)).toEqual([{ line: 1, reason: 'the line is longer than 1000 bytes' }]);
    expect(inLang(result.problems, 'id')).toEqual([
      { line: 1, reason: 'baris ini lebih panjang dari 1000 bita' },
    ]);
  });

  it('reports the unknown format of a file it cannot recognise', async () => {
    await expect(parseFixture('broken/unknown.txt')).rejects.toMatchObject({ code: 'UNKNOWN_FORMAT' });
  });
});
