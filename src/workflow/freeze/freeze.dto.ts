import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString, IsUUID } from 'class-validator';
import { toList } from '../../kernel/form-fields';

export class FreezeDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Only these agencies; default every agency not frozen yet.',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsUUID('all', { each: true, message: 'msg.validation.agency_ids' })
  agencyIds?: string[];

  @IsOptional() @IsString() _csrf?: string;
}
