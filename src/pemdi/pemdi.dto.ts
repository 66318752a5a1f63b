import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { emptyToUndefined, IsDateOnly } from '../kernel/form-fields';

/** The value of an externally scored indicator (I5, I6, I7, I18 of Pemdi 2026), with its source. */
export class ExternalValueDto {
  @ApiProperty({
    example: 3.25,
    description: "The value on the framework's scale (1 to 5 for Pemdi), at most 2 decimals.",
  })
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(9)
  value!: number;

  @ApiProperty({ example: 'Indeks Satu Data 2026, Bappenas', description: 'Where the value comes from.' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  source!: string;

  @ApiPropertyOptional({ example: 'https://data.go.id/indeks/2026', description: 'A link to the source.' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/\S+$/, { message: 'msg.validation.http_url' })
  sourceUrl?: string;

  @ApiProperty({ example: '2026-11-30', description: 'The date of the source (YYYY-MM-DD).' })
  @IsDateOnly()
  sourceDate!: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409. Omit when creating.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
