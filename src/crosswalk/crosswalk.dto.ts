import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const CODE = /^I[1-9][0-9]*$/;

export class CrosswalkPreviewQuery {
  @ApiPropertyOptional({ description: 'The earlier period to carry from; default the year before.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear?: number;
  @IsOptional() @IsString() lang?: string;
}

/** One item the coordinator confirmed, with the version they saw and the indicators chosen. */
export class CrosswalkItemDto {
  @ApiProperty({ description: 'An evidence item of the earlier period.' })
  @IsUUID()
  evidenceId!: string;
  @ApiProperty({ description: 'The version the preview showed; a changed item answers 409.' })
  @IsInt()
  @Min(1)
  version!: number;
  @ApiPropertyOptional({
    type: [String],
    description:
      'Indicator codes of the target framework the copy supports, among the mapped and related ones the preview offers; default the mapped ones.',
    example: ['I16', 'I18'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true })
  indicators?: string[];
}

export class CrosswalkCommitDto {
  @ApiProperty({ description: 'The earlier period to carry from.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear!: number;
  @ApiProperty({ type: [CrosswalkItemDto], description: 'The items confirmed; at least one.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CrosswalkItemDto)
  items!: CrosswalkItemDto[];
}
