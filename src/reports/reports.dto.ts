import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AGENCY_KINDS } from '../agencies/agency.entity';
import { LANGS, Lang } from '../i18n/i18n';

/** An empty form field means "not chosen". */
const EmptyAsUnset = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** Options of a roll-up, from the API's query string or the reports page's form. */
export class RollupQuery {
  @ApiPropertyOptional({
    enum: ['supported', 'verified'],
    description: 'Basis of the index, predicates and gaps (default supported).',
  })
  @EmptyAsUnset()
  @IsOptional()
  @IsIn(['supported', 'verified'])
  basis?: 'supported' | 'verified';

  @ApiPropertyOptional({
    description: 'Kode wilayah prefix, e.g. "33" for a province with its regencies and cities.',
  })
  @EmptyAsUnset()
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2}){0,3}$/, { message: 'msg.validation.area' })
  area?: string;

  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @EmptyAsUnset()
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: (typeof AGENCY_KINDS)[number];
}

/** The reports page's roll-up form. */
export class RollupJobForm extends RollupQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  /** The report's language (the request's language stays the page's). */
  @EmptyAsUnset()
  @IsOptional()
  @IsIn(LANGS)
  reportLang?: Lang;
}
