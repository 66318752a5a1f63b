import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { emptyToUndefined } from '../../kernel/form-fields';

export class ReopenDto {
  @ApiProperty({ description: 'What the agency must clarify or bring.' })
  @IsString()
  @IsNotEmpty({ message: 'msg.validation.question' })
  @MaxLength(5000)
  question!: string;

  @ApiPropertyOptional({ description: 'The item version you read; a stale one answers 409.' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class AnswerDto {
  @ApiPropertyOptional({
    description:
      'The rebuttal text; may be empty when new files were added to the item since the round opened.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  comment?: string;
}
