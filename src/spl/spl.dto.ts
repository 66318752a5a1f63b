import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, Length } from 'class-validator';
import { emptyToUndefined, toBool } from '../kernel/form-fields';
import { PageQuery } from '../kernel/paging';
import { VersionDto } from '../kernel/versions';
import { SPL_PRODUCTS, SplProduct } from './spl-instance.entity';
import { IsOmittable } from '../common/validation';

const PRODUCT = { message: 'msg.validation.choice' };
const URL = { message: 'msg.validation.http_url' };

export class CreateSplDto {
  @ApiProperty({ example: 'SPL Kabupaten' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ enum: SPL_PRODUCTS, default: 'wso2_apim' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(SPL_PRODUCTS, PRODUCT)
  product?: SplProduct;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false }, URL)
  baseUrl?: string;
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  connectedToSplp?: boolean;
}

export class UpdateSplDto extends VersionDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: SPL_PRODUCTS })
  @IsOptional()
  @IsIn(SPL_PRODUCTS, PRODUCT)
  product?: SplProduct;
  @ApiPropertyOptional({ description: 'Empty string clears it.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? null : value))
  @IsUrl({ require_tld: false }, URL)
  baseUrl?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() connectedToSplp?: boolean;
}

export class ListSplQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SPL_PRODUCTS })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(SPL_PRODUCTS)
  product?: SplProduct;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) q?: string;
}

export class SplView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SPL_PRODUCTS }) product!: SplProduct;
  @ApiProperty({ nullable: true, type: String }) baseUrl!: string | null;
  @ApiProperty() connectedToSplp!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
}

export class SplPage {
  @ApiProperty({ type: [SplView] }) items!: SplView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
