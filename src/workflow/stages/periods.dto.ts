import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IsDateOnly, emptyToUndefined } from '../../kernel/form-fields';
import { VersionField } from '../../kernel/versions';
import { EDITIONS, Edition, PERIOD_STAGES, PeriodStage } from '../../periods/period.entity';

const nullIfEmpty = ({ value }: { value: unknown }) => (value === '' ? null : value);
const TARGET = { message: 'msg.validation.coverage_target' };

/**
 * class-validator's `maxDecimalPlaces` reads the digits after a '.' in the number's text and
 * throws on one written with an exponent (5e-324): a 500. Counted on thousandths instead.
 */
function atMostThreeDecimals(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6
  );
}
/** Omitted leaves the value as it is; null is not a value these fields can take (a 400, not a 500). */
const present = (_: object, value: unknown) => value !== undefined;
const WINDOW = { message: 'msg.validation.review_window' };

export class PeriodFields {
  @ApiPropertyOptional({ enum: EDITIONS, default: 'B' })
  @ValidateIf(present)
  @Transform(emptyToUndefined)
  @IsIn(EDITIONS, { message: 'msg.validation.choice' })
  edition?: Edition;
  @ApiPropertyOptional({
    default: 1,
    description: 'Share of units in scope that must use the SPL, in (0, 1].',
  })
  @ValidateIf(present)
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsNumber({}, TARGET)
  @ValidateBy({ name: 'atMostThreeDecimals', validator: { validate: atMostThreeDecimals } }, TARGET)
  @Min(0.001, TARGET)
  @Max(1, TARGET)
  coverageTarget?: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 60,
    example: 12,
    description:
      'Months a review stays in the window, the evaluation team\'s reading of "secara periodik" (1 to 60); ' +
      "null or empty: the criteria edition's default (12 for A and B, 24 for C).",
  })
  @IsOptional()
  @Transform(nullIfEmpty)
  @Type(() => Number)
  @ValidateIf((_, value) => value !== null)
  @IsInt(WINDOW)
  @Min(1, WINDOW)
  @Max(60, WINDOW)
  reviewWindowMonths?: number | null;
  @ApiPropertyOptional({
    default: 'spbe-2020',
    description: 'The framework id (e.g. spbe-2020, pemdi-2026); one of GET /api/v1/frameworks.',
  })
  @ValidateIf(present)
  @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { message: 'msg.validation.choice' })
  frameworkVersion?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "The framework package's version (GET /api/v1/frameworks); null or empty: the shipped version.",
  })
  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$/, {
    message: 'frameworkPackageVersion: a version such as 2026.1',
  })
  frameworkPackageVersion?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(nullIfEmpty) @IsDateOnly() selfAssessmentStart?:
    string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(nullIfEmpty) @IsDateOnly() selfAssessmentEnd?:
    string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(nullIfEmpty) @IsDateOnly() documentReviewEnd?:
    string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(nullIfEmpty) @IsDateOnly() interviewEnd?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(nullIfEmpty) @IsDateOnly() finalDate?: string | null;
}

export class CreatePeriodDto extends PeriodFields {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'msg.validation.year' })
  @Min(2018, { message: 'msg.validation.year_min' })
  @Max(2100, { message: 'msg.validation.year_max' })
  year!: number;
  @ApiProperty({ example: '2026-10-31', description: 'The assessment date.' }) @IsDateOnly() asOf!: string;
}

export class UpdatePeriodDto extends PeriodFields {
  @VersionField() version!: number;
  @ApiPropertyOptional() @ValidateIf(present) @IsDateOnly() asOf?: string;
}

export class PeriodView {
  @ApiProperty() id!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'The framework id.' }) frameworkVersion!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: the shipped version.' })
  frameworkPackageVersion!: string | null;
  @ApiProperty({ enum: EDITIONS }) edition!: Edition;
  @ApiProperty({ example: '1.000' }) coverageTarget!: string;
  @ApiProperty({
    description: "Months a review stays in the window (the period's setting or the edition default).",
  })
  reviewWindowMonths!: number;
  @ApiProperty({
    enum: ['period', 'edition'],
    description: 'Whether the period sets the window or the edition default applies.',
  })
  reviewWindowSource!: 'period' | 'edition';
  @ApiProperty({ enum: PERIOD_STAGES }) stage!: PeriodStage;
  @ApiProperty() asOf!: string;
  @ApiProperty({ nullable: true, type: String }) selfAssessmentStart!: string | null;
  @ApiProperty({ nullable: true, type: String }) selfAssessmentEnd!: string | null;
  @ApiProperty({ nullable: true, type: String }) documentReviewEnd!: string | null;
  @ApiProperty({ nullable: true, type: String }) interviewEnd!: string | null;
  @ApiProperty({ nullable: true, type: String }) finalDate!: string | null;
  @ApiProperty() version!: number;
}
