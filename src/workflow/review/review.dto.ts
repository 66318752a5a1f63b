import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined } from '../../kernel/form-fields';
import { DECISIONS, Decision, REVIEW_REASONS, ReviewReason } from './review-reasons';

const VERSION = { description: 'The item version you read; a stale one answers 409.' };

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: 'msg.validation.choice' })
  status!: Decision;

  @ApiPropertyOptional({ enum: REVIEW_REASONS, description: 'Required (or `reason`) to return or reject.' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(REVIEW_REASONS, { message: 'msg.validation.choice' })
  reasonCode?: ReviewReason;

  @ApiPropertyOptional({ description: 'Free text; required with reasonCode other.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional(VERSION)
  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt({ message: 'msg.validation.version' })
  @Min(1)
  version?: number;

  /** Pages: the item to show next. */
  @IsOptional() @Transform(emptyToUndefined) @IsUUID() next?: string;
}

export class ReturnDto {
  @ApiProperty({ enum: REVIEW_REASONS })
  @Transform(emptyToUndefined)
  @IsIn(REVIEW_REASONS, { message: 'msg.validation.choice' })
  reasonCode!: ReviewReason;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;

  @ApiPropertyOptional(VERSION)
  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class ValidationDto {
  @ApiProperty({ minimum: 0, maximum: 5, description: 'The validated level (nilai akhir).' })
  @Type(() => Number)
  @IsInt({ message: 'msg.validation.level' })
  @Min(0, { message: 'msg.validation.level' })
  @Max(5, { message: 'msg.validation.level' })
  validatedLevel!: number;

  @ApiPropertyOptional({ description: 'Required when the validated level differs from the verified level.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;

  @ApiPropertyOptional({ description: 'The assessment version you read; a stale one answers 409.' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class YearQuery {
  @ApiPropertyOptional({ description: 'Period year; default the latest period.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  year?: number;
}
