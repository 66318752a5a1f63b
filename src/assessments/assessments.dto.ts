import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  Max,
} from 'class-validator';
import { toList } from '../kernel/form-fields';

export class ClaimDto {
  @ApiProperty({ minimum: 0, maximum: 5, description: 'The level the agency claims (nilai mandiri).' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5)
  claimedLevel!: number;

  @ApiProperty({ description: 'Why the evidence supports the claim.' })
  @IsString()
  @MaxLength(5000)
  justification!: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409. Omit when creating.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    type: [String],
    description:
      'A period on the Pemdi 2026 framework: the evidence items (ids, of the agency and period) the claim rests on; at least one. Ignored for SPBE 2020.',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}

export class IndicatorValues {
  @ApiProperty() indicator!: number;
  @ApiProperty({ nullable: true, type: Number }) claimed!: number | null;
  @ApiProperty() supported!: number;
  @ApiProperty() verified!: number;
  @ApiProperty({ nullable: true, type: Number }) validated!: number | null;
  @ApiProperty({ nullable: true, type: String, description: "The evaluator's note on the validated level." })
  validationNote!: string | null;
  @ApiProperty({ description: 'True when the claim is above the supported level.' })
  claimAboveSupported!: boolean;
  @ApiProperty() justification!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: Number }) version!: number | null;
  @ApiProperty({ description: 'The engine output for the supported basis (criteria met, what is missing).' })
  detail!: Record<string, unknown>;
}
