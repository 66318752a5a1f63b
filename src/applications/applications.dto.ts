import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { emptyToUndefined, toBool } from '../kernel/form-fields';
import { PageQuery } from '../kernel/paging';
import { VersionDto } from '../kernel/versions';
import {
  APP_SCOPES,
  AppScope,
  EXCHANGE_MODES,
  ExchangeMode,
  USAGE_TYPES,
  UsageType,
} from './application.entity';
import { IsOmittable } from '../common/validation';

const EXCHANGE_MESSAGE = `exchange: one of ${EXCHANGE_MODES.join(', ')}`;
const USAGE_MESSAGE = `usageType: one of ${USAGE_TYPES.join(', ')}`;
const SCOPE_MESSAGE = `appScope: one of ${APP_SCOPES.join(', ')}`;

/** How the application stands on the road to the SPLP (issue 21); every field optional. */
export class ApplicationProfileDto extends VersionDto {
  @ApiPropertyOptional({
    enum: USAGE_TYPES,
    description:
      'scratch: no API yet, through the ESB; api_ready: APIs through an APIM tenant; spl_ippd_ready: own SPL federated with the SPLP.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(USAGE_TYPES, { message: USAGE_MESSAGE })
  usageType?: UsageType;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'msg.validation.boolean' })
  hasApi?: boolean;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'msg.validation.boolean' })
  operating?: boolean;
  @ApiPropertyOptional({
    enum: APP_SCOPES,
    description: 'common: an aplikasi umum; sector: a sector application.',
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(APP_SCOPES, { message: SCOPE_MESSAGE })
  appScope?: AppScope;
}

export class CreateApplicationDto {
  @ApiProperty() @IsUUID('all', { message: 'msg.validation.unit_id' }) unitId!: string;
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
  @ApiPropertyOptional({ enum: USAGE_TYPES, default: 'not_integrated' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(USAGE_TYPES, { message: USAGE_MESSAGE })
  usageType?: UsageType;
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'msg.validation.boolean' })
  hasApi?: boolean;
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'msg.validation.boolean' })
  operating?: boolean;
  @ApiPropertyOptional({ enum: APP_SCOPES, default: 'sector' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(APP_SCOPES, { message: SCOPE_MESSAGE })
  appScope?: AppScope;
}

export class UpdateApplicationDto extends ApplicationProfileDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'msg.validation.unit_id' })
  unitId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 200) name?: string;
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
  @ApiPropertyOptional({ enum: USAGE_TYPES })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(USAGE_TYPES)
  usageType?: UsageType;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) q?: string;
}

/** Why imported hub data says the application goes via the SPL (src/levels/hub-via-spl.repository.ts). */
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
  @ApiProperty({ enum: USAGE_TYPES }) usageType!: UsageType;
  @ApiProperty() hasApi!: boolean;
  @ApiProperty() operating!: boolean;
  @ApiProperty({ enum: APP_SCOPES }) appScope!: AppScope;
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
