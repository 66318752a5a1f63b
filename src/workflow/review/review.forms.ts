import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional } from 'class-validator';
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

/** The validation form as posted to the review page's own address: it names its indicator. */
export class ValidationHereForm extends ValidationForm {
  @Type(() => Number) @IsIn([7, 18], { message: 'msg.validation.choice' }) indicator!: 7 | 18;
}
