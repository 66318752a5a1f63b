import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { UUID_PATTERN } from '../../access/object-scope';
import { DifferencesService } from './differences.service';
import { ReviewQueueService } from './review-queue.service';

@ApiExcludeController()
@Controller('differences')
export class DifferencesPagesController {
  constructor(
    @Inject(DifferencesService) private readonly differences: DifferencesService,
    @Inject(ReviewQueueService) private readonly queue: ReviewQueueService,
  ) {}

  /** Claimed vs validated, nationally (every agency the user may see) or for one agency. */
  @Get()
  @RequirePermission('agency.read')
  async page(@CurrentActor() actor: Actor, @Query() query: Record<string, string>, @Res() res: Response) {
    const period = await this.queue.period(Number(query.year) || undefined);
    const agencyId = UUID_PATTERN.test(query.agencyId ?? '') ? query.agencyId : undefined;
    const list = await this.differences.list(actor, period, agencyId);
    res.render('workflow/differences', {
      title: translate(requestLang(res), 'workflow.differences.title'),
      activeNav: 'agencies',
      period,
      agencyId,
      // A person of one agency sees only it: no "national" view to go back to.
      ownAgency: actor.agencyId !== null,
      agencyName: agencyId || actor.agencyId ? list.rows[0]?.agencyName : undefined,
      ...list,
      showAll: query.all === '1',
      shown: query.all === '1' ? list.rows : list.differences,
    });
  }
}
