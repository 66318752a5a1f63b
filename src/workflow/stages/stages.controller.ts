import { Body, Controller, Get, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { PeriodView } from './periods.dto';
import { stageRulesTable } from '../../workflow-core/stage-rules';
import { MoveStageDto } from './stages.dto';
import { StagesService } from './stages.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class StagesController {
  constructor(@Inject(StagesService) private readonly stages: StagesService) {}

  @Put('periods/:year/stage')
  @ApiOperationDoc({
    summary: 'Move the period to a stage',
    description:
      'Moves the period to another workflow stage (self-assessment, document review, interview, final). Send the version you read.',
    errors: { 400: true, 404: true, 409: 'Stale version, the same stage, or a frozen period leaving final.' },
    body: { stage: 'document_review', version: 4 },
  })
  @RequirePermission('period.manage')
  @ApiOkResponse({ type: PeriodView })
  move(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: MoveStageDto,
  ): Promise<PeriodView> {
    return this.stages.move(actor, year, body);
  }

  @Get('workflow/stage-rules')
  @ApiOperationDoc({
    summary: 'Workflow rules',
    description:
      'What may change in each stage: per action the permission, the roles that hold it and the stages that allow it.',
    errors: {},
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'What may change in each stage: per action the permission, the roles that have it, and per stage the conditions (any one suffices; none = closed).',
  })
  rules() {
    return stageRulesTable();
  }
}
