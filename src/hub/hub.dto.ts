import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { emptyToUndefined, toBool } from '../kernel/form-fields';
import {
  MATCH_TYPES,
  type FormatVariant,
  type ImportFormat,
  type MatchType,
  type UptimeOptions,
} from './parsers';
import { refuse } from '../i18n/refusal';

/** What the user may choose instead of detection: a family, or one exact variant. */
export const FORMAT_CHOICES = [
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F1-list',
  'F1-detail',
  'F1-apictl-array',
  'F1-apictl-ndjson',
  'F1-apictl-table',
  'F2-zip',
  'F2-4x-api',
  'F2-3x-api',
  'F3-openapi3',
  'F3-swagger2',
  'F4-devportal-subs',
  'F4-publisher-subs',
  'F4-application',
  'F4-app-list',
  'F4-apictl-apps',
  'F4-apictl-apps-table',
  'F5-log',
  'F5-ndjson',
  'F5-json',
  'F5-es-search',
  'F5-csv',
  'F6-csv',
  'F7-uptimerobot-v2',
  'F7-uptimerobot-v3',
  'F7-csv',
  'F8-units',
  'F8-hubs',
] as const satisfies readonly (ImportFormat | FormatVariant)[];
export type FormatChoice = (typeof FORMAT_CHOICES)[number];

const RANGES =
  /^\s*\d{4}-\d{2}-\d{2}\s*\/\s*\d{4}-\d{2}-\d{2}\s*(;\s*\d{4}-\d{2}-\d{2}\s*\/\s*\d{4}-\d{2}-\d{2}\s*)*$/;

/** The fields sent with a hub file (multipart), from the page, the push API or a script. */
export class HubImportFields {
  @ApiPropertyOptional({
    enum: FORMAT_CHOICES,
    description: 'Override detection (a family such as F5, or a variant).',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(FORMAT_CHOICES, {
    message: 'msg.validation.choice',
  })
  format?: FormatChoice;

  @ApiPropertyOptional({ default: false, description: 'Import the good rows and report the bad ones.' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'msg.validation.boolean' })
  skipBad?: boolean;

  @ApiPropertyOptional({
    description: 'The hub (SPL) the file was exported from; default the agency’s own hub.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Length(1, 100)
  hubId?: string;

  @ApiPropertyOptional({
    description:
      'UptimeRobot v2 only: the custom_uptime_ranges periods, e.g. 2026-01-01/2026-01-31;2026-02-01/2026-02-28.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(RANGES, { message: 'msg.validation.uptime_ranges' })
  uptimeRanges?: string;

  @ApiPropertyOptional({
    description: 'UptimeRobot v2 only: the custom_uptime_ratios asked for (days), e.g. 1-7-30.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^\s*\d{1,4}(\s*-\s*\d{1,4})*\s*$/, { message: 'msg.validation.uptime_ratios' })
  uptimeRatios?: string;

  @ApiPropertyOptional({
    description: 'UptimeRobot: when the file was fetched (ISO 8601); default the time of the import.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsISO8601({}, { message: 'msg.validation.datetime' })
  uptimeFetchedAt?: string;

  @ApiPropertyOptional({
    description: 'OpenAPI files (F3) only: the lifecycle status they carry none of, e.g. PUBLISHED.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z_]{2,30}$/, { message: 'msg.validation.lifecycle' })
  lifecycleStatus?: string;
}

/** The page form sends where to come back to (the rules page imports F8 files too). */
export class HubImportPageFields extends HubImportFields {
  @IsOptional() @IsIn(['hub', 'rules']) returnTo?: 'hub' | 'rules';
}

export class HubImportUpload extends HubImportFields {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The export file (F1..F8).' })
  file!: unknown;
}

/**
 * `2026-01-01/2026-01-31` is January: an end written as a date is inclusive. Ratio windows
 * (`1-7-30`) end when the file was fetched, by default now (the import follows the fetch).
 */
export function uptimeOptions(
  ranges: string | undefined,
  ratios?: string,
  fetchedAt?: string,
  now = new Date(),
): UptimeOptions | undefined {
  const exportedAt = fetchedAt ? new Date(fetchedAt) : ratios ? now : undefined;
  const ratioDays = ratios ? ratios.split('-').map((d) => Number(d.trim())) : undefined;
  if (!ranges) return ratioDays || exportedAt ? { ratioDays, exportedAt } : undefined;
  return {
    ratioDays,
    exportedAt,
    ranges: ranges.split(';').map((part) => {
      const [start, end] = part.split('/').map((d) => new Date(`${d.trim()}T00:00:00Z`));
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start)
        throw refuse(BadRequestException, 'msg.hub.not_period', {
          field: 'uptimeRanges',
          value: part.trim(),
        });
      return { start, end: new Date(end.getTime() + 86_400_000) };
    }),
  };
}

export class FiguresQuery {
  @ApiPropertyOptional({ description: 'Year of the data; default the latest period (or this year).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Only the APIs attributed to this unit.' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID('all', { message: 'msg.validation.unit_id' })
  unitId?: string;
}

/** The hub pages' query: the figures' plus what the last action left to show. */
export class HubPageQuery extends FiguresQuery {
  @IsOptional() @IsUUID('all') imported?: string;
  @IsOptional() @IsString() saved?: string;
}

export class RuleDto {
  @ApiProperty() @IsUUID('all', { message: 'msg.validation.unit_id' }) unitId!: string;

  @ApiProperty({ enum: MATCH_TYPES })
  @IsIn(MATCH_TYPES, { message: 'msg.validation.choice' })
  matchType!: MatchType;

  @ApiProperty({ description: 'additional_property: key=value, or a value of any property.' })
  @IsString()
  @Length(1, 500, { message: 'msg.validation.match_value' })
  matchValue!: string;
}

export class AssignDto {
  @ApiProperty({ enum: ['api', 'application'] }) @IsIn(['api', 'application']) kind!: 'api' | 'application';
  @ApiProperty() @IsUUID('all', { message: 'msg.validation.hub_id' }) id!: string;
  @ApiProperty() @IsUUID('all', { message: 'msg.validation.unit_id' }) unitId!: string;
}

export class LinkDto {
  @ApiProperty({ enum: ['api', 'application'] }) @IsIn(['api', 'application']) kind!: 'api' | 'application';
  @ApiProperty() @IsUUID('all', { message: 'msg.validation.hub_id' }) id!: string;

  @ApiPropertyOptional({ description: 'Our application; empty means "none of ours".' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID('all', { message: 'msg.validation.application_id' })
  applicationId?: string;

  /** Pages only: the unit page to return to. */
  @IsOptional() @Transform(emptyToUndefined) @IsUUID('all') unitId?: string;
}

export class EvidenceRequestDto {
  @ApiPropertyOptional({ description: 'Only this unit; default every unit with APIs on the bus.' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID('all', { message: 'msg.validation.unit_id' })
  unitId?: string;

  @ApiPropertyOptional({ description: 'Period year; default the latest period.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class DeviceShareView {
  @ApiProperty({
    description:
      'OS family (platform) or browser family (userAgent) as the gateway parsed it, e.g. "Android", "Chrome"; UNKNOWN when it could not, OTHER for the families beyond the top 10.',
  })
  name!: string;
  @ApiProperty() calls!: number;
  @ApiProperty({ description: 'Share of the calls the counts cover, 0 to 1.' }) share!: number;
}

/** What WSO2's "Devices" dashboard shows; only these counts are stored, never a caller's user, IP or header. */
export class DeviceFiguresView {
  @ApiProperty({
    description:
      'Calls the counts cover: responses from raw analytics events (fault events carry no device).',
  })
  calls!: number;
  @ApiProperty({ type: [DeviceShareView], description: 'Calls by OS family (`platform`), top 10 and OTHER.' })
  platforms!: DeviceShareView[];
  @ApiProperty({
    type: [DeviceShareView],
    description: 'Calls by browser family (`userAgent`), top 10 and OTHER.',
  })
  userAgents!: DeviceShareView[];
}

const devicesProperty = {
  nullable: true,
  allOf: [{ $ref: getSchemaPath(DeviceFiguresView) }],
  description:
    'Calls by device; null when no data in scope names devices (pre-aggregated usage files carry none): not in the source, not zero.',
};

/** The parts of GET .../hub/figures documented field by field (the rest is described in words). */
export const FIGURES_RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    totals: { type: 'object', properties: { devices: devicesProperty } },
    apis: { type: 'array', items: { type: 'object', properties: { devices: devicesProperty } } },
  },
};
