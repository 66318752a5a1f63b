import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { IsDateOnly, emptyToUndefined, toBool, toList } from '../kernel/form-fields';
import { PageQuery } from '../kernel/paging';
import { VersionField } from '../kernel/versions';
import { FOLLOW_UP_STATUSES, FollowUpStatus } from './follow-up.entity';
import { REVIEW_SUBJECTS, ReviewSubject } from './review.entity';
import { IsOmittable } from '../common/validation';

const SUBJECT = { message: 'msg.validation.choice' };
const STATUS = { message: 'msg.validation.choice' };
const ids = (_field: string) => ({ each: true, message: 'msg.validation.ids' });
const EvidenceIds = () =>
  applyDecorators(Transform(toList), IsArray(), ArrayMaxSize(200), IsUUID('all', ids('evidenceIds')));

class ReviewFields {
  @ApiPropertyOptional({ default: true }) @IsOptional() @Transform(toBool) @IsBoolean() allUnits?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Units the review covered when allUnits is false.' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', ids('unitIds'))
  unitIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 10000) findings?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @EvidenceIds() evidenceIds?: string[];
}

export class CreateReviewDto extends ReviewFields {
  @ApiProperty({ enum: REVIEW_SUBJECTS }) @IsIn(REVIEW_SUBJECTS, SUBJECT) subject!: ReviewSubject;
  @ApiProperty({ example: '2025-11-20' }) @IsDateOnly() date!: string;
}

export class UpdateReviewDto extends ReviewFields {
  @VersionField() version!: number;
  @ApiPropertyOptional({ enum: REVIEW_SUBJECTS })
  @IsOptional()
  @IsIn(REVIEW_SUBJECTS, SUBJECT)
  subject?: ReviewSubject;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() date?: string;
}

export class ListReviewsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REVIEW_SUBJECTS })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(REVIEW_SUBJECTS)
  subject?: ReviewSubject;
}

class FollowUpFields {
  @ApiPropertyOptional({ enum: FOLLOW_UP_STATUSES })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(FOLLOW_UP_STATUSES, STATUS)
  status?: FollowUpStatus;
  @ApiPropertyOptional({ description: 'When it was done; required once done.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? null : value))
  @IsDateOnly()
  date?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @EvidenceIds() evidenceIds?: string[];
}

export class CreateFollowUpDto extends FollowUpFields {
  @ApiProperty({ example: 'Dokumentasi API belum lengkap' }) @IsString() @Length(1, 5000) finding!: string;
}

export class UpdateFollowUpDto extends FollowUpFields {
  @VersionField() version!: number;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 5000) finding?: string;
}

export class FollowUpView {
  @ApiProperty() id!: string;
  @ApiProperty() reviewId!: string;
  @ApiProperty() finding!: string;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES }) status!: FollowUpStatus;
  @ApiProperty({ nullable: true, type: String }) date!: string | null;
  @ApiProperty({ type: [String] }) evidenceIds!: string[];
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
}

export class ReviewView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REVIEW_SUBJECTS }) subject!: ReviewSubject;
  @ApiProperty() date!: string;
  @ApiProperty() allUnits!: boolean;
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty({ nullable: true, type: String }) findings!: string | null;
  @ApiProperty({ type: [String] }) evidenceIds!: string[];
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
}

export class ReviewPage {
  @ApiProperty({ type: [ReviewView] }) items!: ReviewView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class FollowUpPage {
  @ApiProperty({ type: [FollowUpView] }) items!: FollowUpView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
