import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { toBool } from '../../kernel/form-fields';

export class SubmitDto {
  @ApiPropertyOptional({
    description: 'Required (true) when the check lists claims above the supported level or draft evidence.',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'msg.validation.boolean' })
  acknowledgeWarnings?: boolean;

  /** Page forms: the period year. */
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}
