import { Type } from 'class-transformer';
import { IsInt, IsOptional } from 'class-validator';
import { AnswerDto } from '../interview/interview.dto';
import { ReturnDto } from '../review/review.dto';

/** The agency workflow page's forms carry the period year, to come back to the same page. */
export class ReturnForm extends ReturnDto {
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}

export class AnswerForm extends AnswerDto {
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}
