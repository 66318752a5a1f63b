import { msg } from '../../i18n/message';
import type { FieldReader } from './field-reader';
import {
  HUB_LEVELS,
  HUB_PLATFORMS,
  MATCH_TYPES,
  type HubInstanceRow,
  type HubRecord,
  type MatchType,
} from './hub.types';
import type { ParseItem, ParserContext, ParserInput } from './parser-kit';
import { parseTemplateCsv } from './template-csv';

export const UNIT_REQUIRED_COLUMNS = [
  'work_unit_code',
  'work_unit_name',
  'match_type',
  'match_value',
] as const;
export const HUB_REQUIRED_COLUMNS = ['hub_id', 'hub_name', 'level', 'platform'] as const;

/**
 * F8: the agency's own declarations. Work units with the rules that attribute hub data to them
 * (WSO2 has no notion of a work unit), and the hubs with their gateways and parent hub.
 */
export function parseMappingCsv(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  return ctx.variant === 'F8-hubs'
    ? parseTemplateCsv(input, ctx, HUB_REQUIRED_COLUMNS, hubRow)
    : parseTemplateCsv(input, ctx, UNIT_REQUIRED_COLUMNS, unitRow);
}

function oneOf<T extends string>(
  r: FieldReader,
  key: string,
  allowed: readonly T[],
  required: boolean,
): T | undefined {
  const value = r.text(key, required);
  if (value === undefined) return undefined;
  const normalised = (key === 'match_type' ? value.toLowerCase() : value.toUpperCase()) as T;
  return allowed.includes(normalised)
    ? normalised
    : r.fail(key, msg('msg.hubrow.oneOf', { allowed: allowed.join(', ') }));
}

/** A unit row without a rule declares the unit only; a rule needs both type and value. */
function unitRow(r: FieldReader): HubRecord | undefined {
  const workUnitCode = r.text('work_unit_code', true);
  const workUnitName = r.text('work_unit_name', true);
  const matchType = oneOf<MatchType>(r, 'match_type', MATCH_TYPES, false);
  const matchValue = r.text('match_value', matchType !== undefined);
  if (matchValue !== undefined && matchType === undefined && r.ok)
    r.fail('match_type', msg('msg.hubrow.matchTypeRequired'));
  if (workUnitCode === undefined || workUnitName === undefined || !r.ok) return undefined;
  return { kind: 'mapping', value: { workUnitCode, workUnitName, matchType, matchValue } };
}

function hubRow(r: FieldReader): HubRecord | undefined {
  const hubId = r.text('hub_id', true);
  const hubName = r.text('hub_name', true);
  const level = oneOf(r, 'level', HUB_LEVELS, true);
  const platform = oneOf(r, 'platform', HUB_PLATFORMS, true);
  const gatewayBaseUrl = r.text('gateway_base_url');
  if (gatewayBaseUrl !== undefined && !isHttpUrl(gatewayBaseUrl)) {
    r.fail('gateway_base_url', msg('msg.hubrow.httpUrl'));
  }
  if (!hubId || !hubName || !level || !platform || !r.ok) return undefined;
  const hub: HubInstanceRow = {
    hubId,
    hubName,
    level,
    platform,
    gatewayBaseUrl,
    tenantDomain: r.text('tenant_domain'),
    parentHubId: r.text('parent_hub_id'),
  };
  return { kind: 'hub', value: hub };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
