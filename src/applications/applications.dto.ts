import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, VersionDto, emptyToUndefined } from '../units/agency-data';
import { EXCHANGE_MODES, ExchangeMode } from './application.entity';

const EXCHANGE_MESSAGE = `exchange: one of ${EXCHANGE_MODES.join(', ')}`;

export class CreateApplicationDto {
  @ApiProperty() @IsUUID('all', { message: 'unitId: must be a unit id' }) unitId!: string;
  @ApiProperty({ example: 'SIMPUS' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional({
    enum: EXCHANGE_MODES,
    default: 'none',
    description: 'spl: publishes or consumes an API through the SPL.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(EXCHANGE_MODES, { message: EXCHANGE_MESSAGE })
  exchange?: ExchangeMode;
}

export class UpdateApplicationDto extends VersionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'unitId: must be a unit id' })
  unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional({ enum: EXCHANGE_MODES })
  @IsOptional()
  @IsIn(EXCHANGE_MODES, { message: EXCHANGE_MESSAGE })
  exchange?: ExchangeMode;
}

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(emptyToUndefined) @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: EXCHANGE_MODES })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(EXCHANGE_MODES)
  exchange?: ExchangeMode;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) q?: string;
}

/** Why imported hub data says the application goes via the SPL (src/hub/hub-via-spl.ts). */
export class HubViaSplProofView {
  @ApiProperty({ enum: ['publishes', 'consumes'] }) role!: 'publishes' | 'consumes';
  @ApiProperty() hubId!: string;
  @ApiProperty({ description: 'The hub API (publishes) or hub application (consumes).' }) name!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() importedAt!: string;
}

export class ApplicationView {
  @ApiProperty() id!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: EXCHANGE_MODES }) exchange!: ExchangeMode;
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({
    type: [HubViaSplProofView],
    description: 'Hub data proving use of the SPL; non-empty means via SPL whatever `exchange` says.',
  })
  viaSplHub!: HubViaSplProofView[];
}

export class ApplicationPage {
  @ApiProperty({ type: [ApplicationView] }) items!: ApplicationView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
