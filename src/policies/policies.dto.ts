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
import { POLICY_FORMS, POLICY_STATUSES, PolicyForm, PolicyStatus } from './policy.entity';
import { IsOmittable } from '../common/validation';

const FORM = { message: 'msg.validation.choice' };
const STATUS = { message: 'msg.validation.choice' };
const ids = (_field: string) => ({ each: true, message: 'msg.validation.ids' });
const nullIfEmpty = ({ value }: { value: unknown }) => (value === '' ? null : value);

export class PolicyFields {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 120) number?: string;
  @ApiPropertyOptional({ enum: POLICY_FORMS })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(POLICY_FORMS, FORM)
  legalForm?: PolicyForm;
  @ApiPropertyOptional({ enum: POLICY_STATUSES })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(POLICY_STATUSES, STATUS)
  status?: PolicyStatus;
  @ApiPropertyOptional({
    example: '2025-03-01',
    description: 'Enactment date; required for enacted policies.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsDateOnly()
  date?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @Transform(toBool) @IsBoolean() allUnits?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Units covered when allUnits is false.' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', ids('unitIds'))
  unitIds?: string[];
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  regulatesSplUse?: boolean;
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  regulatesSplpConnection?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The earlier policy this one replaces.' })
  @IsOptional()
  @Transform(nullIfEmpty)
  @IsUUID('all', { message: 'msg.validation.replaces' })
  replacesId?: string | null;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', ids('evidenceIds'))
  evidenceIds?: string[];
}

export class CreatePolicyDto extends PolicyFields {
  @ApiProperty({ example: 'Peraturan Bupati tentang Penggunaan SPL' })
  @IsString()
  @Length(1, 500)
  title!: string;
}

export class UpdatePolicyDto extends PolicyFields {
  @VersionField() version!: number;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 500) title?: string;
}

export class ListPoliciesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: POLICY_STATUSES })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(POLICY_STATUSES)
  status?: PolicyStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) q?: string;
}

export class PolicyView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ enum: POLICY_FORMS }) legalForm!: PolicyForm;
  @ApiProperty({ enum: POLICY_STATUSES }) status!: PolicyStatus;
  @ApiProperty() date!: string;
  @ApiProperty() allUnits!: boolean;
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty() regulatesSplUse!: boolean;
  @ApiProperty() regulatesSplpConnection!: boolean;
  @ApiProperty({ nullable: true, type: String }) replacesId!: string | null;
  @ApiProperty({ type: [String] }) evidenceIds!: string[];
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
}

export class PolicyPage {
  @ApiProperty({ type: [PolicyView] }) items!: PolicyView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
