import { Body, Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { SubmitDto } from './submission.dto';
import { SubmissionService } from './submission.service';
import { PeriodLookup } from '../../periods/period-lookup';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/periods/:year/submission')
export class SubmissionController {
  constructor(
    @Inject(SubmissionService) private readonly submission: SubmissionService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  @Get()
  @ApiOperationDoc({
    summary: 'Check before submitting',
    description:
      'The pre-submission check: claims above the supported level, missing claims, draft evidence, and the warnings to acknowledge.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'The pre-submission check: claims above the supported level, missing claims, draft evidence (with links), and whether the agency submitted.',
  })
  async check(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('year', ParseIntPipe) year: number) {
    return this.submission.check(agencyId, await this.periods.byYear(year));
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Submit the self-assessment',
    description:
      "Submits the agency's self-assessment; its data is locked for the stage and its evaluators are told.",
    errors: {
      400: 'A claim is missing, or warnings were not acknowledged.',
      404: true,
      409: 'Submitted already, or the stage does not take submissions.',
    },
    body: { acknowledgeWarnings: true },
  })
  @RequirePermission('assessment.submit')
  @ApiCreatedResponse({ description: "Submitted: the agency's data is locked for the stage." })
  async submit(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: SubmitDto,
  ) {
    return this.submission.submit(actor, agencyId, await this.periods.byYear(year), body);
  }
}
