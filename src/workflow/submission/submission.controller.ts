import { Body, Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'The pre-submission check: claims above the supported level, missing claims, draft evidence (with links), and whether the agency submitted.',
  })
  async check(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('year', ParseIntPipe) year: number) {
    return this.submission.check(agencyId, await this.periods.byYear(year));
  }

  @Post()
  @RequirePermission('assessment.submit')
  @ApiCreatedResponse({ description: "Submitted: the agency's data is locked for the stage." })
  @ApiBadRequestResponse({ description: 'A claim is missing, or warnings were not acknowledged.' })
  @ApiConflictResponse({ description: 'Submitted already, or the stage does not take submissions.' })
  async submit(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: SubmitDto,
  ) {
    return this.submission.submit(actor, agencyId, await this.periods.byYear(year), body);
  }
}
