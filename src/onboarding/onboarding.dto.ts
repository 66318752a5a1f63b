import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateIf } from 'class-validator';
import { IsDateOnly, toList } from '../kernel/form-fields';
import { ONBOARDING_STATUSES, OnboardingStatus } from './onboarding-item.entity';
import { ROLES, SERVICE_ROLES } from './onboarding.catalogue';

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

/** Who holds a role; the unit (data_service) or application (app_owner) says whose role it is. */
export class WriteRoleDto {
  @ApiProperty({ description: 'The version you read; 0 for a role never written.' })
  @Type(() => Number)
  @IsInt({ message: 'version: required, the version you read (0 for a new role)' })
  @Min(0, { message: 'version: required, the version you read (0 for a new role)' })
  version!: number;
  @ApiPropertyOptional({
    nullable: true,
    description: 'spl_operator, data_steward: the unit; data_service: whose.',
  })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'unitId: must be a unit id' })
  unitId?: string | null;
  @ApiPropertyOptional({ description: 'app_owner: the application.' })
  @IsOptional()
  @IsUUID('all', { message: 'applicationId: must be an application id' })
  applicationId?: string;
  @ApiPropertyOptional({ nullable: true, description: 'The person: a user of the agency.' })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'userId: must be a user id' })
  userId?: string | null;
  @ApiPropertyOptional({ enum: SERVICE_ROLES, nullable: true, description: 'data_service only.' })
  @IsOptional()
  @Transform(emptyToNull)
  @ValidateIf((_, v) => v !== null)
  @IsIn(SERVICE_ROLES, { message: `serviceRole: one of ${SERVICE_ROLES.join(', ')}` })
  serviceRole?: string | null;
}

export class RoleView {
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName!: string | null;
  @ApiProperty({ nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) userName!: string | null;
  @ApiProperty({ description: '0 while never written.' }) version!: number;
}

export class UnitServiceRoleView {
  @ApiProperty() unitId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SERVICE_ROLES, nullable: true, type: String }) serviceRole!: string | null;
  @ApiProperty() version!: number;
}

export class ApplicationOwnerView {
  @ApiProperty() applicationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) userName!: string | null;
  @ApiProperty() version!: number;
}

/** Who is who on the road to the SPLP. */
export class RolesView {
  @ApiProperty({
    type: [RoleView],
    description: 'The SPL operator unit, the data steward, the SPLP contact.',
  })
  agency!: RoleView[];
  @ApiProperty({ type: [UnitServiceRoleView] }) units!: UnitServiceRoleView[];
  @ApiProperty({ type: [ApplicationOwnerView] }) applications!: ApplicationOwnerView[];
}
