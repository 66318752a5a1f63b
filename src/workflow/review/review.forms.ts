import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecisionDto, ValidationDto } from './review.dto';
import { ReopenDto } from '../interview/interview.dto';

/** Page forms carry the period year, to come back to the same review page. */
export class DecisionForm extends DecisionDto {
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}

export class ValidationForm extends ValidationDto {
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}

export class ReopenForm extends ReopenDto {
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}

/**
 * The validation form as posted to the review page's own address: it names its indicator, which
 * the period's framework decides (7 or 18 for SPBE 2020, the package's indicators for Pemdi 2026).
 */
export class ValidationHereForm extends ValidationForm {
  @Type(() => Number)
  @IsInt({ message: 'msg.validation.choice' })
  @Min(1, { message: 'msg.validation.choice' })
  @Max(99, { message: 'msg.validation.choice' })
  indicator!: number;
}
