import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { emptyToUndefined, toBool } from '../kernel/form-fields';
import { PageQuery } from '../kernel/paging';
import { VersionDto } from '../kernel/versions';
import { UNIT_KINDS, UnitKind } from './unit.entity';
import { IsOmittable } from '../common/validation';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const CODE_MESSAGE = 'msg.validation.code';

export class CreateUnitDto {
  @ApiProperty({ example: 'DINKES' }) @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code!: string;
  @ApiProperty({ example: 'Dinas Kesehatan' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ enum: UNIT_KINDS, default: 'other' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(UNIT_KINDS, { message: 'msg.validation.choice' })
  kind?: UnitKind;
  @ApiPropertyOptional({ default: true }) @IsOptional() @Transform(toBool) @IsBoolean() inScope?: boolean;
  @ApiPropertyOptional({ description: 'Required when the unit is out of scope.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  outOfScopeReason?: string;
}

export class UpdateUnitDto extends VersionDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOmittable()
  @IsIn(UNIT_KINDS, { message: 'msg.validation.choice' })
  kind?: UnitKind;
  @ApiPropertyOptional() @IsOmittable() @Transform(toBool) @IsBoolean() inScope?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) outOfScopeReason?: string;
}

export class ListUnitsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() inScope?: boolean;
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) q?: string;
}

export class UnitView {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: UnitKind;
  @ApiProperty() inScope!: boolean;
  @ApiProperty({ nullable: true, type: String }) outOfScopeReason!: string | null;
  @ApiProperty() applications!: number;
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
}

export class UnitPage {
  @ApiProperty({ type: [UnitView] }) items!: UnitView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
