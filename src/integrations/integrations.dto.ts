import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { emptyToUndefined, toList } from '../kernel/form-fields';
import { PageQuery } from '../kernel/paging';
import { VersionDto } from '../kernel/versions';
import { INTEGRATION_TARGETS, IntegrationTarget } from './integration.entity';
import { IsOmittable } from '../common/validation';

const TARGET = { message: 'msg.validation.choice' };
const EVIDENCE = { each: true, message: 'msg.validation.evidence_ids' };

export class CreateIntegrationDto {
  @ApiProperty({ enum: INTEGRATION_TARGETS })
  @IsIn(INTEGRATION_TARGETS, TARGET)
  withTarget!: IntegrationTarget;
  @ApiProperty({ example: 'SPLP Kementerian Kominfo' }) @IsString() @Length(1, 200) peerName!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional({ default: 'manual' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Length(1, 60)
  source?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', EVIDENCE)
  evidenceIds?: string[];
}

export class UpdateIntegrationDto extends VersionDto {
  @ApiPropertyOptional({ enum: INTEGRATION_TARGETS })
  @IsOptional()
  @IsIn(INTEGRATION_TARGETS, TARGET)
  withTarget?: IntegrationTarget;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 200) peerName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 60) source?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', EVIDENCE)
  evidenceIds?: string[];
}

export class ListIntegrationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INTEGRATION_TARGETS })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(INTEGRATION_TARGETS)
  withTarget?: IntegrationTarget;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) q?: string;
}

export class IntegrationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: INTEGRATION_TARGETS }) withTarget!: IntegrationTarget;
  @ApiProperty() peerName!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [String] }) evidenceIds!: string[];
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
}

export class IntegrationPage {
  @ApiProperty({ type: [IntegrationView] }) items!: IntegrationView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
