import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { toBool, toList } from '../../kernel/form-fields';

export class FreezeDto {
  @ApiPropertyOptional({
    type: [String],
    description:
      'Only these agencies; default every agency not frozen yet that submitted its assessment (see includeUnsubmitted).',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsUUID('all', { each: true, message: 'msg.validation.agency_ids' })
  agencyIds?: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'Without agencyIds: also freeze agencies that never submitted their assessment.',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeUnsubmitted?: boolean;
}
