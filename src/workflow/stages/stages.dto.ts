import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PERIOD_STAGES, PeriodStage } from '../../periods/period.entity';
import { VersionField } from '../../kernel/versions';

export class MoveStageDto {
  @ApiProperty({ enum: PERIOD_STAGES })
  @IsIn(PERIOD_STAGES, { message: `stage: one of ${PERIOD_STAGES.join(', ')}` })
  stage!: PeriodStage;

  @VersionField() version!: number;

  @IsOptional() @IsString() _csrf?: string;
}
