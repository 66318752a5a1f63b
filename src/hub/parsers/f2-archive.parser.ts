import { msg } from '../../i18n/message';
import { posix } from 'node:path';
import type { ApiContext } from './api.mapping';
import { parseDocument } from './document';
import { mapAnyApi, apiContextOf } from './f1-apis.parser';
import { countOperations } from './f3-openapi.parser';
import { mapSubscriptionDocument } from './f4-subscriptions.parser';
import { FieldReader, isObject } from './field-reader';
import { HubFileError } from './hub-file.error';
import type { HubApi } from './hub.types';
import { bad, badReason, row, type ParseItem, type ParserContext, type ParserInput } from './parser-kit';
import { textOf } from './values';
import { zipEntries, type ArchiveBudget, type ZipEntryHandle } from './zip-reader';

/**
 * F2: `apictl export api(s)` archives. 4.x: `<Name>-<Version>/api.yaml` (+ `deployment_environments.yaml`,
 * `Definitions/swagger.yaml`); 3.x: `<Name>-<Version>/Meta-information/api.yaml` (+ `swagger.*`).
 * `apictl export apis` writes one zip per API into a folder; that folder zipped arrives as zips
 * inside a zip, read one level down. Application exports (`application.yaml`) are read too.
 * Only the few small files that matter are unpacked; everything else is skipped unread.
 */
interface ApiParts {
  layout: '4.x' | '3.x';
  api?: HubApi;
  deployedEnvs?: string[];
  definitionOps?: number;
}

interface Walk {
  ctx: ParserContext;
  apiCtx: ApiContext;
  budget: ArchiveBudget;
  apis: Map<string, ApiParts>;
  found: number;
  layouts: Set<string>;
  sawExcel: boolean;
}

export async function* parseArchive(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  const walk: Walk = {
    ctx,
    apiCtx: apiContextOf(ctx),
    budget: { limits: ctx.limits, entries: 0, declaredBytes: 0 },
    apis: new Map(),
    found: 0,
    layouts: new Set(),
    sawExcel: false,
  };
  yield* walkArchive({ path: input.path, buffer: input.buffer }, input.fileName, '', 1, walk);
  if (walk.found === 0) {
    throw new HubFileError(
      'INVALID_DOCUMENT',
      msg(walk.sawExcel ? 'msg.hubfile.noArtifactsExcel' : 'msg.hubfile.noArtifacts', {
        file: input.fileName,
      }),
    );
  }
  for (const parts of walk.apis.values()) {
    if (!parts.api) continue;
    const api = { ...parts.api };
    api.operationCount ??= parts.definitionOps;
    api.deployedEnvs = parts.deployedEnvs ?? api.deployedEnvs;
    yield row({ kind: 'api', value: api });
  }
  yield { kind: 'archive', layouts: [...walk.layouts].sort() };
}

async function* walkArchive(
  source: { path?: string; buffer?: Buffer },
  label: string,
  prefix: string,
  depth: number,
  walk: Walk,
): AsyncGenerator<ParseItem> {
  for await (const entry of zipEntries(source, walk.budget, label)) {
    const fullName = `${prefix}${entry.name}`;
    const base = posix.basename(entry.name).toLowerCase();
    if (entry.name.endsWith('/')) continue;
    if (base === '[content_types].xml') walk.sawExcel = true;
    if (base.endsWith('.zip')) {
      yield* nestedArchive(entry, fullName, depth, walk);
    } else if (/^(api|application|deployment_environments|swagger)\.(ya?ml|json)$/.test(base)) {
      yield* readArtifact(entry, fullName, walk);
    }
  }
}

async function* nestedArchive(
  entry: ZipEntryHandle,
  fullName: string,
  depth: number,
  walk: Walk,
): AsyncGenerator<ParseItem> {
  const { limits } = walk.budget;
  if (depth >= limits.maxArchiveDepth) {
    throw new HubFileError(
      'UNSAFE_ARCHIVE',
      msg('msg.hubfile.nestedTooDeep', { max: limits.maxArchiveDepth, entry: fullName }),
      {
        entry: fullName,
      },
    );
  }
  const buffer = await entry.read(limits.maxNestedArchiveBytes);
  yield* walkArchive({ buffer }, fullName, `${fullName}!/`, depth + 1, walk);
}

async function* readArtifact(entry: ZipEntryHandle, fullName: string, walk: Walk): AsyncGenerator<ParseItem> {
  const text = (await entry.read(walk.ctx.limits.maxDocumentBytes)).toString('utf8');
  let doc: unknown;
  try {
    doc = parseDocument(text, fullName);
  } catch (error) {
    if (!(error instanceof HubFileError)) throw error;
    yield badReason(error.reason, { entry: fullName, line: error.location.line });
    return;
  }
  const base = posix
    .basename(entry.name)
    .toLowerCase()
    .replace(/\.(ya?ml|json)$/, '');
  const dir = posix.dirname(fullName);
  const inMeta = posix.basename(dir) === 'Meta-information';
  const root = inMeta ? posix.dirname(dir) : base === 'swagger' ? posix.dirname(dir) : dir;
  if (base === 'application') {
    walk.found += 1;
    walk.layouts.add('application');
    yield* mapSubscriptionDocument(doc, { ...walk.apiCtx, fileName: fullName, entry: fullName });
  } else if (base === 'api') {
    walk.found += 1;
    walk.layouts.add(inMeta ? '3.x' : '4.x');
    yield* apiArtifact(doc, fullName, partsFor(walk, root, inMeta), walk.apiCtx);
  } else if (base === 'deployment_environments') {
    partsFor(walk, root, inMeta).deployedEnvs = environments(doc);
  } else if (inMeta || posix.basename(dir) === 'Definitions') {
    if (isObject(doc)) partsFor(walk, root, inMeta).definitionOps = countOperations(doc);
  }
}

function partsFor(walk: Walk, root: string, inMeta: boolean): ApiParts {
  let parts = walk.apis.get(root);
  if (!parts) {
    parts = { layout: inMeta ? '3.x' : '4.x' };
    walk.apis.set(root, parts);
  }
  return parts;
}

function* apiArtifact(doc: unknown, entry: string, parts: ApiParts, ctx: ApiContext): Generator<ParseItem> {
  if (!isObject(doc)) {
    yield badReason(msg('msg.hubrow.notApiDescription'), { entry, path: '$' });
    return;
  }
  const envelope = isObject(doc.data) && textOf(doc.type) !== undefined;
  const reader = new FieldReader(
    envelope ? (doc.data as Record<string, unknown>) : doc,
    envelope ? '$.data' : '$',
  );
  const api = mapAnyApi(reader, { ...ctx, source: parts.layout === '3.x' ? 'F2-3x-api' : 'F2-4x-api' });
  if (!api) {
    yield bad(reader.problems, { entry });
    return;
  }
  parts.api = api;
}

/** `deployment_environments.yaml`: `data: [{deploymentEnvironment, displayOnDevportal}]`. */
function environments(doc: unknown): string[] {
  const data = isObject(doc) ? doc.data : undefined;
  if (!Array.isArray(data)) return [];
  return data
    .map((item) => (isObject(item) ? textOf(item.deploymentEnvironment) : undefined))
    .filter((e) => !!e) as string[];
}
