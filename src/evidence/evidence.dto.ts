import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES, EvidenceKind, EvidenceStatus } from './evidence.entity';

/** Multipart fields arrive as text: lists may come as repeated fields or comma-separated. */
const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);
const toNumbers = (input: { value: unknown }) => toList(input)?.map(Number);
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === 'on' || value === '1'
    ? true
    : value === 'false' || value === '0'
      ? false
      : value;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const blankToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/**
 * A link item may leave its document date out: the capture date stands in for it. Whether a
 * request with a `url` field is a link is the service's decision, which then checks the date.
 */
const isLinkWithoutDate = (o: { url?: unknown; documentDate?: unknown }) =>
  typeof o.url === 'string' && o.documentDate === undefined;

export class EvidenceMetaDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) @IsIn(EVIDENCE_KINDS) kind!: EvidenceKind;
  @ApiProperty() @IsString() @Length(1, 300) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) documentNumber?: string;

  @ApiProperty({
    example: '2026-03-01',
    description:
      'The date on the document (not the upload time); it decides whether the item counts. A link item may leave it out: its capturedAt is used.',
  })
  @Transform(blankToUndefined)
  @ValidateIf((o: { url?: unknown; documentDate?: unknown }) => !isLinkWithoutDate(o))
  @Matches(ISO_DATE, { message: 'msg.validation.date' })
  documentDate!: string;

  @ApiProperty({
    type: [Number],
    example: [18],
    description:
      "Indicators the evidence supports: 7 and/or 18 (SPBE 2020); for a period on the Pemdi 2026 framework, any of its indicators' numbers (16 for I16).",
  })
  @Transform(toNumbers)
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true, message: 'msg.validation.indicators' })
  @Min(1, { each: true, message: 'msg.validation.indicators' })
  @Max(99, { each: true, message: 'msg.validation.indicators' })
  indicators!: number[];

  @ApiPropertyOptional({ description: 'Covers every unit.' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  allUnits?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'Units covered; none and allUnits false = agency-wide.',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsUUID('all', { each: true })
  policyIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsUUID('all', { each: true })
  reviewIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsUUID('all', { each: true })
  followUpIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsUUID('all', { each: true })
  integrationIds?: string[];
}

export class CreateEvidenceDto extends EvidenceMetaDto {
  @ApiPropertyOptional({ description: 'Period year; default the latest period.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: ['draft', 'submitted'], default: 'draft' })
  @IsOptional()
  @IsIn(['draft', 'submitted'])
  status?: 'draft' | 'submitted';

  @ApiPropertyOptional({
    description:
      'Store even when the same file (by SHA-256) or the same link is already evidence of this agency.',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  allowDuplicate?: boolean;

  @ApiPropertyOptional({
    example: 'https://splp.example.go.id/devportal/apis',
    maxLength: 2000,
    description:
      'A link item: the http(s) URL of the evidence, sent instead of files (at most one `snapshot` file may go beside it). No credentials, control characters or whitespace; other schemes (javascript:, data:, file:, ftp:...) are refused. The server never fetches it.',
  })
  @IsOptional()
  @IsString()
  url?: string;

  @ApiPropertyOptional({
    example: '2026-03-01',
    description: 'Required with `url`: the date the link was captured (YYYY-MM-DD), not in the future.',
  })
  @IsOptional()
  @IsString()
  capturedAt?: string;

  // The two file fields, for the OpenAPI document: multer takes them out of the body, and a text
  // field of either name is ignored (the class fields exist on every instance, so they validate).
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description: 'A file item: its files (up to 20). Not with `url`.',
  })
  @IsOptional()
  files?: unknown;

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: 'A link item: one snapshot of the linked page (PDF, PNG or JPEG), optional.',
  })
  @IsOptional()
  snapshot?: unknown;

  @ApiPropertyOptional({
    enum: ['file', 'link'],
    description: 'Which kind of item the upload page meant (its "Berkas"/"Tautan" choice); optional.',
  })
  @IsOptional()
  @IsIn(['file', 'link'])
  source?: 'file' | 'link';
}

export class UpdateEvidenceDto extends EvidenceMetaDto {
  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'A link item only: a new URL, checked like a new link.',
  })
  @IsOptional()
  @IsString()
  url?: string;

  @ApiPropertyOptional({ description: 'A link item only: a new capture date (YYYY-MM-DD).' })
  @IsOptional()
  @IsString()
  capturedAt?: string;

  @ApiProperty({ description: 'The version you read; a stale one answers 409.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class EvidenceStatusDto {
  @ApiProperty({ enum: EVIDENCE_STATUSES }) @IsIn(EVIDENCE_STATUSES) status!: EvidenceStatus;
  @ApiPropertyOptional({ description: 'Required for needs_revision and rejected.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class EvidenceQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() year?: number;
  /** 7 or 18 in an SPBE 2020 period; a package indicator's number (16 for I16) in a Pemdi period. */
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  indicator?: number;
  @ApiPropertyOptional({ enum: EVIDENCE_KINDS }) @IsOptional() @IsIn(EVIDENCE_KINDS) kind?: EvidenceKind;
  @ApiPropertyOptional({ enum: EVIDENCE_STATUSES })
  @IsOptional()
  @IsIn(EVIDENCE_STATUSES)
  status?: EvidenceStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class CarryForwardDto {
  @ApiProperty({ description: 'The earlier period to copy from.' })
  @Type(() => Number)
  @IsInt()
  fromYear!: number;
  @ApiPropertyOptional({ type: [String], description: 'Only these items; default all of that period.' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}
