import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { errorText } from '../i18n/refusal';
import { formError, parseForm } from '../kernel/forms';
import { WorkflowLock } from '../workflow/core/workflow-lock';
import { CrosswalkCarryService } from './crosswalk-carry.service';
import { CrosswalkCommitDto, CrosswalkPreviewQuery } from './crosswalk.dto';
import { commitFromForm, confirmPageView } from './crosswalk.view';

/** The coordinator's confirm step of a carry-over by the crosswalk. */
@ApiExcludeController()
@Controller('agencies/:agencyId/periods/:year/evidence/crosswalk')
export class CrosswalkPagesController {
  constructor(
    @Inject(CrosswalkCarryService) private readonly carry: CrosswalkCarryService,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
  ) {}

  @Get()
  @RequirePermission('assessment.claim')
  async confirm(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Query() query: CrosswalkPreviewQuery,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, year, query.fromYear, 200, {});
  }

  @Post()
  @RequirePermission('assessment.claim')
  async commit(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const fromYear = Number(body.fromYear) || undefined;
    try {
      const dto = await parseForm(CrosswalkCommitDto, commitFromForm(body));
      const { copied } = await this.carry.commit(actor, agencyId, year, dto);
      res.redirect(303, `/agencies/${agencyId}/evidence?year=${year}&status=draft&carried=${copied}`);
    } catch (error) {
      const { status, message } = formError(error, requestLang(res));
      await this.render(res, actor, agencyId, year, fromYear, status, { formError: message });
    }
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    year: number,
    fromYear: number | undefined,
    status: number,
    extra: Record<string, unknown>,
  ) {
    const lang = requestLang(res);
    const preview = await this.carry.preview(agencyId, year, fromYear);
    const lockedReason = await this.lock
      .assertAllowed(undefined, 'evidence.create', {
        agencyId,
        periodId: await this.carry.periodId(year),
        actor,
      })
      .then(() => null)
      .catch((error: unknown) => errorText(error, lang));
    res.status(status).render('crosswalk/confirm', {
      title: translate(lang, 'crosswalk.title'),
      activeNav: 'agency',
      agencyId,
      lockedReason,
      ...confirmPageView(preview, lang),
      ...extra,
    });
  }
}
