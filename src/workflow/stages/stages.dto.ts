import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PERIOD_STAGES, PeriodStage } from '../../periods/period.entity';
import { VersionField } from '../../kernel/versions';

export class MoveStageDto {
  @ApiProperty({ enum: PERIOD_STAGES })
  @IsIn(PERIOD_STAGES, { message: 'msg.validation.choice' })
  stage!: PeriodStage;

  @VersionField() version!: number;
}
