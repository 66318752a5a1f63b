import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateIf } from 'class-validator';
import { IsDateOnly, toList } from '../kernel/form-fields';
import { ONBOARDING_STATUSES, OnboardingStatus } from './onboarding-item.entity';

const emptyToNull = ({ value }: { value: unknown }) => (value === '' ? null : value);

/** A write of one step or checklist item; omitted fields stay as they are, '' or null clears. */
export class UpdateOnboardingItemDto {
  @ApiProperty({ description: 'The version you read; 0 for an item never written.' })
  @Type(() => Number)
  @IsInt({ message: 'msg.validation.version_new' })
  @Min(0, { message: 'msg.validation.version_new' })
  version!: number;
  @ApiPropertyOptional({ enum: ONBOARDING_STATUSES })
  @IsOptional()
  @IsIn(ONBOARDING_STATUSES, { message: 'msg.validation.choice' })
  status?: OnboardingStatus;
  @ApiPropertyOptional({ nullable: true, example: '2026-01-15' })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsDateOnly()
  startedOn?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsDateOnly()
  dueOn?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsDateOnly()
  doneOn?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The person in charge: a user of the agency.' })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'msg.validation.user_id' })
  ownerId?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Required when the status goes against the hub data.' })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 2000)
  note?: string | null;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsUUID('all', { each: true, message: 'msg.validation.evidence_ids' })
  evidenceIds?: string[];
}

export class StepProofView {
  @ApiProperty({ description: 'The hub API, or the API called with the number of calls.' }) detail!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() importedAt!: string;
}

export class OnboardingItemView {
  @ApiProperty({ description: 'The step or checklist item key.' }) item!: string;
  @ApiProperty({ enum: ONBOARDING_STATUSES, description: 'The status that holds: the hub proof wins.' })
  status!: OnboardingStatus;
  @ApiProperty({ enum: ONBOARDING_STATUSES, description: 'What a person recorded.' })
  recordedStatus!: OnboardingStatus;
  @ApiProperty({ enum: ['hub', 'person', 'none'] }) source!: 'hub' | 'person' | 'none';
  @ApiProperty({ type: StepProofView, nullable: true }) hubProof!: StepProofView | null;
  @ApiProperty({ description: 'The recorded status goes against the hub data (explained by the note).' })
  againstHub!: boolean;
  @ApiProperty({ nullable: true, type: String }) startedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) dueOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) doneOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: [String] }) evidenceIds!: string[];
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: '0 while never written.' }) version!: number;
}

export class ApplicationStepsView {
  @ApiProperty() applicationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() usageType!: string;
  @ApiProperty({ type: [OnboardingItemView] }) steps!: OnboardingItemView[];
}

export class ChecklistView {
  @ApiProperty({ enum: ['stages', 'requirements', 'obligations'] }) key!: string;
  @ApiProperty({ type: [OnboardingItemView] }) items!: OnboardingItemView[];
}
