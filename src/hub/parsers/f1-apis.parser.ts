import { msg } from '../../i18n/message';
import { mapApi3x, mapApictlApi, mapRestApi, type ApiContext } from './api.mapping';
import { APICTL_API_COLUMNS, apictlTable } from './apictl-table';
import { readDocument } from './document';
import { childPath, FieldReader, isObject } from './field-reader';
import type { HubApi, RowProblem } from './hub.types';
import { jsonObjects } from './json-seq';
import {
  bad,
  badReason,
  requireHub,
  row,
  type ParseItem,
  type ParserContext,
  type ParserInput,
} from './parser-kit';

/**
 * F1: Publisher `APIList` pages, API detail objects (one or an array), and `apictl get apis`
 * output (the default text table, JSON lines, back-to-back pretty objects, or `--format jsonArray`). Also the single-file
 * F2 variants: a 4.x `api.yaml`/`api.json` envelope or a 3.x `Meta-information/api.yaml`.
 */
export async function* parseApis(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  const apiCtx = apiContextOf(ctx);
  if (ctx.variant === 'F1-apictl-table') {
    for await (const item of apictlTable(input.body, APICTL_API_COLUMNS, ctx.limits.maxLineBytes)) {
      if ('error' in item) yield badReason(item.error, { line: item.line });
      else yield mapApiItem(item.cells, '$', apiCtx, { line: item.line });
    }
    return;
  }
  if (ctx.variant === 'F1-apictl-array' || ctx.variant === 'F1-apictl-ndjson') {
    for await (const item of jsonObjects(input.body, ctx.limits.maxLineBytes)) {
      if ('error' in item) yield badReason(item.error, { line: item.line });
      else yield mapApiItem(item.value, '$', apiCtx, { line: item.line });
    }
    return;
  }
  const doc = await readDocument(input.body, ctx.limits.maxDocumentBytes, input.fileName);
  for (const { value, path } of apiItems(doc)) yield mapApiItem(value, path, apiCtx, {});
}

export function apiContextOf(ctx: ParserContext): ApiContext {
  return {
    hubId: requireHub(ctx),
    tenantDomain: ctx.tenantDomain,
    includePrototyped: ctx.includePrototyped,
    source: ctx.variant,
  };
}

/** The API objects of a document, with their JSON paths: `list[]`, a bare array, an envelope, or itself. */
function* apiItems(doc: unknown): Generator<{ value: unknown; path: string }> {
  if (isObject(doc) && Array.isArray(doc.list)) {
    for (const [i, value] of doc.list.entries()) yield { value, path: childPath('$.list', i) };
  } else if (Array.isArray(doc)) {
    for (const [i, value] of doc.entries()) yield { value, path: childPath('$', i) };
  } else if (isObject(doc) && isObject(doc.data)) {
    yield { value: doc.data, path: '$.data' };
  } else {
    yield { value: doc, path: '$' };
  }
}

export function mapApiItem(
  value: unknown,
  path: string,
  ctx: ApiContext,
  where: Omit<RowProblem, 'reason' | 'path'>,
): ParseItem {
  if (!isObject(value)) return badReason(msg('msg.hubrow.notApi'), { ...where, path });
  const reader = new FieldReader(value, path);
  const api = mapAnyApi(reader, ctx);
  return api ? row({ kind: 'api', value: api }) : bad(reader.problems, where);
}

/** The shape decides the mapping, so a user override of the variant cannot mis-map fields. */
export function mapAnyApi(reader: FieldReader, ctx: ApiContext): HubApi | undefined {
  const obj = reader.obj;
  if ('Name' in obj || 'LifeCycleStatus' in obj) return mapApictlApi(reader, ctx);
  if (isObject(obj.id) && ('apiName' in obj.id || 'providerName' in obj.id)) return mapApi3x(reader, ctx);
  return mapRestApi(reader, ctx);
}
