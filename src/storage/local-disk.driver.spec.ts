import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalDiskDriver } from './local-disk.driver';
import { InvalidStorageKeyError, StorageNotFoundError } from './storage.driver';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1));
}

describe('LocalDiskDriver', () => {
  let base: string;
  let root: string;
  let driver: LocalDiskDriver;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'local-driver-'));
    root = join(base, 'root');
    driver = new LocalDiskDriver(root);
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('does write, read, stat and delete an object, creating folders as needed', async () => {
    expect(
      await driver.put('evidence/a1/2024/x', Readable.from([Buffer.from('hello '), Buffer.from('world')])),
    ).toEqual({
      size: 11,
    });
    expect(await text(await driver.get('evidence/a1/2024/x'))).toBe('hello world');
    expect(await driver.stat('evidence/a1/2024/x')).toMatchObject({ key: 'evidence/a1/2024/x', size: 11 });
    expect(await driver.exists('evidence/a1/2024/x')).toBe(true);
    await driver.delete('evidence/a1/2024/x');
    await driver.delete('evidence/a1/2024/x');
    expect(await driver.exists('evidence/a1/2024/x')).toBe(false);
  });

  it('does read only the requested bytes when given a range', async () => {
    await driver.put('tmp/r', Readable.from([Buffer.from('0123456789')]));
    expect(await text(await driver.get('tmp/r', { start: 2, end: 4 }))).toBe('234');
    expect(await text(await driver.get('tmp/r', { start: 7 }))).toBe('789');
  });

  it('does report a missing key as not found', async () => {
    await expect(driver.get('tmp/none')).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await driver.stat('tmp/none')).toBeUndefined();
    await expect(driver.move('tmp/none', 'evidence/x')).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it.each(['../outside', 'tmp/../../outside', '/etc/passwd', 'tmp//x', 'tmp\\..\\..\\x'])(
    'does refuse key %j when it would escape the root',
    async (key) => {
      await expect(driver.put(key, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(
        InvalidStorageKeyError,
      );
      await expect(driver.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(driver.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(driver.move('tmp/a', key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      expect(await readdir(base)).toEqual([]);
    },
  );

  it('does not show a key until its last byte is written', async () => {
    const source = new PassThrough();
    const done = driver.put('tmp/slow', source);
    source.write('part one');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await driver.exists('tmp/slow')).toBe(false);
    source.end(' and two');
    await done;
    expect(await text(await driver.get('tmp/slow'))).toBe('part one and two');
  });

  it('does leave nothing behind when the source fails mid-write', async () => {
    const source = new PassThrough();
    const done = driver.put('tmp/broken', source);
    source.write('some bytes');
    setTimeout(() => source.destroy(new Error('client went away')), 10);
    await expect(done).rejects.toThrow('client went away');
    expect(await allFiles(root)).toEqual([]);
  });

  it('does move by renaming, so the committed file is the same inode', async () => {
    await driver.put('tmp/u1', Readable.from([Buffer.from('data')]));
    const before = await stat(join(root, 'tmp/u1'));
    await driver.move('tmp/u1', 'evidence/a1/2024/u1');
    const after = await stat(join(root, 'evidence/a1/2024/u1'));
    expect(after.ino).toBe(before.ino);
    expect(await driver.exists('tmp/u1')).toBe(false);
    expect(await text(await driver.get('evidence/a1/2024/u1'))).toBe('data');
  });

  it('does list every object under a prefix and nothing else', async () => {
    for (const key of ['evidence/a1/2024/x', 'evidence/a1/2025/y', 'evidence/a2/2024/z', 'tmp/t']) {
      await driver.put(key, Readable.from([Buffer.from(key)]));
    }
    const keys = async (prefix: string) => (await collect(driver.list(prefix))).map((o) => o.key).sort();
    expect(await keys('evidence/a1/')).toEqual(['evidence/a1/2024/x', 'evidence/a1/2025/y']);
    expect(await keys('evidence/a')).toEqual([
      'evidence/a1/2024/x',
      'evidence/a1/2025/y',
      'evidence/a2/2024/z',
    ]);
    expect(await keys('tmp/')).toEqual(['tmp/t']);
    expect(await keys('')).toHaveLength(4);
    expect(await keys('nothing/')).toEqual([]);
    const [listed] = await collect(driver.list('tmp/'));
    expect(listed).toMatchObject({ key: 'tmp/t', size: 5 });
    expect(Math.abs(listed.lastModified.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('does skip files whose names are not valid keys when it lists', async () => {
    await driver.put('tmp/ok', Readable.from([Buffer.from('x')]));
    await writeFile(join(root, 'tmp', 'not a key.txt'), 'x');
    expect((await collect(driver.list('tmp/'))).map((o) => o.key)).toEqual(['tmp/ok']);
  });
});
