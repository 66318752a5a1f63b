import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalDiskDriver } from '../../storage/local-disk.driver';
import { evidenceKey, tempKey } from '../../storage/storage-keys';
import { commitUpload, commitUploads, discardUploads, sweepStaleTemp } from './upload-commit';

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1));
}

describe('upload commit helpers', () => {
  let root: string;
  let driver: LocalDiskDriver;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'commit-'));
    driver = new LocalDiskDriver(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function upload(content: string): Promise<{ tempKey: string; finalKey: string }> {
    const key = tempKey();
    await driver.put(key, Readable.from([Buffer.from(content)]));
    return { tempKey: key, finalKey: evidenceKey('agency-1', new Date('2025-01-02')) };
  }

  it('does move every file and return what persist returns when the insert succeeds', async () => {
    const files = [await upload('a'), await upload('b')];
    const result = await commitUploads(driver, files, async () => 'row-id');
    expect(result).toBe('row-id');
    expect((await allFiles(root)).sort()).toEqual(files.map((f) => f.finalKey).sort());
    expect(await text(await driver.get(files[1].finalKey))).toBe('b');
  });

  it('does leave no file when the insert fails', async () => {
    const files = [await upload('a'), await upload('b')];
    await expect(
      commitUploads(driver, files, () => Promise.reject(new Error('unique violation'))),
    ).rejects.toThrow('unique violation');
    expect(await allFiles(root)).toEqual([]);
  });

  it('does leave no file when a move fails half-way', async () => {
    const good = await upload('a');
    const files = [good, { tempKey: tempKey(), finalKey: evidenceKey('agency-1', new Date()) }];
    const persist = jest.fn(async () => 'never');
    await expect(commitUploads(driver, files, persist)).rejects.toThrow(/No stored object/);
    expect(persist).not.toHaveBeenCalled();
    expect(await allFiles(root)).toEqual([]);
  });

  it('does refuse to commit a key that is not a temporary one', async () => {
    await expect(commitUpload(driver, 'evidence/a/2025/x', 'evidence/a/2025/y')).rejects.toThrow(/temporary/);
  });

  it('does report the keys it could not delete instead of throwing when discarding fails', async () => {
    const failing = jest.spyOn(driver, 'delete').mockRejectedValue(new Error('disk gone'));
    expect(await discardUploads(driver, ['tmp/a', 'tmp/b'])).toEqual(['tmp/a', 'tmp/b']);
    failing.mockRestore();
    const kept = await upload('x');
    expect(await discardUploads(driver, [kept.tempKey, 'tmp/already-gone'])).toEqual([]);
    expect(await allFiles(root)).toEqual([]);
  });

  it('does sweep only temp objects older than the threshold', async () => {
    const now = new Date();
    const old = await upload('old');
    const fresh = await upload('fresh');
    const committed = await upload('committed');
    await commitUpload(driver, committed.tempKey, committed.finalKey);
    const twoDaysAgo = new Date(now.getTime() - 48 * 3600_000);
    await utimes(join(root, old.tempKey), twoDaysAgo, twoDaysAgo);
    await utimes(join(root, committed.finalKey), twoDaysAgo, twoDaysAgo);
    expect(await sweepStaleTemp(driver, 24 * 3600_000, now)).toBe(1);
    expect((await allFiles(root)).sort()).toEqual([committed.finalKey, fresh.tempKey].sort());
  });
});
