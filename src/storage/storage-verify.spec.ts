import { createHash } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskDriver } from './local-disk.driver';
import { ExpectedObject, verifyStorage } from './storage-verify';

const HOUR = 60 * 60 * 1000;
const NOW = new Date('2025-06-01T12:00:00Z');

describe('verifyStorage', () => {
  let root: string;
  let driver: LocalDiskDriver;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'verify-'));
    driver = new LocalDiskDriver(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Stores `content` under `key` with the given age relative to NOW; returns its DB record. */
  async function store(key: string, content: string, ageMs = 2 * HOUR): Promise<ExpectedObject> {
    await driver.put(key, Readable.from([Buffer.from(content)]));
    const when = new Date(NOW.getTime() - ageMs);
    await utimes(join(root, key), when, when);
    return {
      key,
      sha256: createHash('sha256').update(content).digest('hex'),
      size: Buffer.byteLength(content),
    };
  }

  const options = { now: NOW, tempMaxAgeMs: 24 * HOUR };

  it('does count every file as ok when the storage matches the records', async () => {
    const expected = [await store('evidence/a/2025/1', 'one'), await store('evidence/a/2025/2', 'two')];
    const report = await verifyStorage(driver, expected, options);
    expect(report).toMatchObject({ checked: 2, ok: 2, removed: 0 });
    expect(report.missing.count + report.changed.count + report.orphaned.count).toBe(0);
  });

  it('does report missing and changed files when they are gone or differ', async () => {
    const kept = await store('evidence/a/2025/1', 'one');
    const gone = await store('evidence/a/2025/2', 'two');
    const edited = await store('evidence/a/2025/3', 'three');
    await rm(join(root, gone.key));
    await writeFile(join(root, edited.key), 'THREE!');
    const report = await verifyStorage(driver, [kept, gone, edited], options);
    expect(report.ok).toBe(1);
    expect(report.missing).toEqual({ count: 1, items: [gone.key] });
    expect(report.changed.count).toBe(1);
    expect(report.changed.items[0]).toMatchObject({
      key: edited.key,
      expected: { size: 5 },
      actual: { size: 6 },
    });
  });

  it('does report unexpected evidence and stale temp objects as orphans, but not young ones', async () => {
    const expected = [await store('evidence/a/2025/1', 'one')];
    await store('evidence/a/2025/orphan', 'nobody');
    await store('evidence/a/2025/committing', 'row not yet visible', 5 * 60 * 1000);
    await store('tmp/abandoned', 'old upload', 48 * HOUR);
    await store('tmp/in-progress', 'new upload', 60 * 1000);
    const report = await verifyStorage(driver, expected, options);
    expect(report.orphaned.items.sort()).toEqual(['evidence/a/2025/orphan', 'tmp/abandoned']);
    expect(report.removed).toBe(0);
    expect(await driver.exists('tmp/abandoned')).toBe(true);
  });

  it('does delete orphans only when asked to repair', async () => {
    const edited = await store('evidence/a/2025/1', 'one');
    await writeFile(join(root, edited.key), 'changed');
    await store('evidence/a/2025/orphan', 'nobody');
    await store('tmp/abandoned', 'old upload', 48 * HOUR);
    const report = await verifyStorage(driver, [edited, { ...edited, key: 'evidence/a/2025/gone' }], {
      ...options,
      repair: true,
    });
    expect(report).toMatchObject({ removed: 2, missing: { count: 1 }, changed: { count: 1 } });
    expect(await driver.exists('evidence/a/2025/orphan')).toBe(false);
    expect(await driver.exists('tmp/abandoned')).toBe(false);
    expect(await driver.exists(edited.key)).toBe(true);
  });

  it('does keep counts exact when the lists are capped', async () => {
    for (let i = 0; i < 5; i++) await store(`evidence/a/2025/o${i}`, 'x');
    const report = await verifyStorage(driver, [], { ...options, listLimit: 2 });
    expect(report.orphaned.count).toBe(5);
    expect(report.orphaned.items).toHaveLength(2);
  });

  it('does accept the records as an async stream when the caller pages through the database', async () => {
    const records = [await store('evidence/a/2025/1', 'one'), await store('evidence/a/2025/2', 'two')];
    async function* fromDatabase() {
      yield* records;
    }
    expect(await verifyStorage(driver, fromDatabase(), { ...options, concurrency: 1 })).toMatchObject({
      ok: 2,
    });
  });
});
