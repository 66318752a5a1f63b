import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import * as yauzl from 'yauzl';
import { type Message, msg, render } from '../i18n/message';
import { FACTS_JSON, MANIFEST_CSV, MANIFEST_JSON, Manifest, PACKAGE_FORMAT } from './evidence-package';

export interface Mismatch {
  path: string;
  expected: string;
  actual: string;
}

export interface PackageVerification {
  ok: boolean;
  /** Files listed with a path and found in the zip, re-hashed. */
  checked: number;
  mismatches: Mismatch[];
  /** Listed in the manifest, absent from the zip. */
  absent: string[];
  /** In the zip, not listed in the manifest. */
  unlisted: string[];
  /** Listed as missing from storage when the package was made (reported, not a failure). */
  notPackaged: string[];
}

/** Why a package cannot be checked at all, in the catalogue's words. */
export class PackageUnreadableError extends Error {
  constructor(readonly problem: Message) {
    super(render('en', problem));
    this.name = 'PackageUnreadableError';
  }
}

/** Stands for a hash in a mismatch between the two manifests when one of them lacks the file. */
export const NOT_LISTED = '(not listed)';

const OWN_FILES = new Set([MANIFEST_JSON, MANIFEST_CSV, FACTS_JSON]);

/**
 * Re-hashes every entry of an evidence package against its manifest: a changed, added or
 * removed file, a changed facts file, or manifests that disagree each make it fail.
 */
export async function verifyPackage(file: string): Promise<PackageVerification> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false }).catch((error: Error) => {
    throw new PackageUnreadableError(msg('cli.package.not_zip', { file, detail: error.message }));
  });
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const manifest = await readManifest(zip, entries);
    const result: PackageVerification = {
      ok: false,
      checked: 0,
      mismatches: [],
      absent: [],
      unlisted: [],
      notPackaged: [],
    };
    await checkFacts(zip, entries, manifest, result);
    await checkCsvAgrees(zip, entries, manifest, result);
    const listed = new Set<string>();
    for (const f of manifest.files) {
      if (f.missing) result.notPackaged.push(`${f.title} (${f.fileName ?? '?'})`);
      if (!f.path) continue;
      listed.add(f.path);
      const entry = entries.get(f.path);
      if (!entry) {
        result.absent.push(f.path);
        continue;
      }
      result.checked += 1;
      const actual = await sha256Of(zip, entry);
      if (actual !== f.sha256) result.mismatches.push({ path: f.path, expected: f.sha256 ?? '', actual });
    }
    for (const name of entries.keys())
      if (!listed.has(name) && !OWN_FILES.has(name) && !name.endsWith('/')) result.unlisted.push(name);
    result.ok = result.mismatches.length === 0 && result.absent.length === 0 && result.unlisted.length === 0;
    return result;
  } finally {
    zip.close();
  }
}

async function readManifest(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<Manifest> {
  const entry = entries.get(MANIFEST_JSON);
  if (!entry) throw new PackageUnreadableError(msg('cli.package.no_manifest', { manifest: MANIFEST_JSON }));
  let manifest: Manifest;
  try {
    manifest = JSON.parse((await readAll(zip, entry)).toString('utf8')) as Manifest;
  } catch (error) {
    const detail = (error as Error).message;
    throw new PackageUnreadableError(msg('cli.package.manifest_json', { manifest: MANIFEST_JSON, detail }));
  }
  if (manifest.format !== PACKAGE_FORMAT || !Array.isArray(manifest.files))
    throw new PackageUnreadableError(
      msg('cli.package.manifest_format', { manifest: MANIFEST_JSON, format: PACKAGE_FORMAT }),
    );
  return manifest;
}

async function checkFacts(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  manifest: Manifest,
  result: PackageVerification,
): Promise<void> {
  const entry = entries.get(manifest.facts.path);
  if (!entry) {
    result.absent.push(manifest.facts.path);
    return;
  }
  const actual = await sha256Of(zip, entry);
  if (actual !== manifest.facts.sha256)
    result.mismatches.push({ path: manifest.facts.path, expected: manifest.facts.sha256, actual });
}

/** The CSV manifest is for people; it must still say the same as the JSON one. */
async function checkCsvAgrees(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  manifest: Manifest,
  result: PackageVerification,
): Promise<void> {
  const entry = entries.get(MANIFEST_CSV);
  if (!entry) {
    result.absent.push(MANIFEST_CSV);
    return;
  }
  const rows = parse((await readAll(zip, entry)).toString('utf8'), { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  const fromCsv = new Map(rows.filter((r) => r.path).map((r) => [r.path, r.sha256.replace(/^'/, '')]));
  const fromJson = new Map(manifest.files.filter((f) => f.path).map((f) => [f.path!, f.sha256 ?? '']));
  for (const [path, sha] of fromJson) {
    const other = fromCsv.get(path) ?? NOT_LISTED;
    if (other !== sha)
      result.mismatches.push({ path: `${MANIFEST_CSV}: ${path}`, expected: sha, actual: other });
  }
  for (const path of fromCsv.keys())
    if (!fromJson.has(path))
      result.mismatches.push({
        path: `${MANIFEST_CSV}: ${path}`,
        expected: NOT_LISTED,
        actual: fromCsv.get(path)!,
      });
}

async function sha256Of(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await zip.openReadStreamPromise(entry)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

async function readAll(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  if (entry.uncompressedSize > MAX_MANIFEST_BYTES)
    throw new PackageUnreadableError(msg('cli.package.too_large', { file: entry.fileName }));
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
