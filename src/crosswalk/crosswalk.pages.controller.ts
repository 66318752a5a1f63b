import {
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
import { FormBody, FormInput, submitForm } from '../web/page-form';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { CrosswalkCarryService } from './crosswalk-carry.service';
import { CrosswalkCommitDto, CrosswalkPreviewQuery } from './crosswalk.dto';
import { commitFromForm, confirmPageView } from './crosswalk.view';

/** The coordinator's confirm step of a carry-over by the crosswalk. */
@ApiExcludeController()
@Controller('agencies/:agencyId/periods/:year/evidence/crosswalk')
export class CrosswalkPagesController {
  constructor(
    @Inject(CrosswalkCarryService) private readonly carry: CrosswalkCarryService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
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
    @FormBody(CrosswalkCommitDto) form: FormInput<CrosswalkCommitDto>,
    @Res() res: Response,
  ) {
    const fromYear = Number(form.values.fromYear) || undefined;
    // The ticked boxes ("id:version", "id:code") become the commit's items.
    await submitForm(res, form.preparedBy(commitFromForm), {
      save: async (dto) => {
        const { copied } = await this.carry.commit(actor, agencyId, year, dto);
        return `/agencies/${agencyId}/evidence?year=${year}&status=draft&carried=${copied}`;
      },
      page: (state) =>
        this.render(res, actor, agencyId, year, fromYear, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/periods/${year}/evidence/crosswalk${fromYear ? `?fromYear=${fromYear}` : ''}`,
    });
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
    const lockedReason = await this.uow
      .check(actor, 'evidence.create', { agencyId, periodId: await this.carry.periodId(year) })
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
