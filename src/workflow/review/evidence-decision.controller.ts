import { Body, Controller, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { EvidenceService } from '../../evidence/evidence.service';
import { evidenceView } from '../../evidence/evidence.view';
import { ApiOperationDoc } from '../../web/api-doc';
import { ReviewDecisionsService } from './review-decisions.service';
import { DecisionDto } from './review.dto';

/**
 * The evaluation's decision on an evidence item through the evidence API, with the stage rules,
 * history and inbox of the review pages; it answers the item as the evidence API reads it.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId')
export class EvidenceDecisionController {
  constructor(
    @Inject(ReviewDecisionsService) private readonly decisions: ReviewDecisionsService,
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
  ) {}

  @Post('evidence/:evidenceId/decision')
  @ApiOperationDoc({
    summary: 'Decide on evidence',
    description:
      'The evaluator accepts or rejects a submitted item; a rejection needs a reason code and a reason. Send the version you read.',
    errors: {
      400: true,
      404: true,
      409: 'A stale version (someone decided first), a move not allowed, or the stage.',
    },
    body: {
      status: 'rejected',
      reasonCode: 'wrong_evidence',
      reason: 'Dokumen belum ditandatangani.',
      version: 3,
    },
  })
  @RequirePermission('evidence.review')
  async decision(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: DecisionDto,
  ) {
    await this.decisions.decide(actor, agencyId, evidenceId, body, 'evaluator');
    const { evidence, links } = await this.evidence.get(agencyId, evidenceId);
    return evidenceView(evidence, links);
  }
}
