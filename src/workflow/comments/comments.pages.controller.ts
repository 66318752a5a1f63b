import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { ParseIndicatorPipe } from '../../assessments/parse-indicator.pipe';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { FormBody, FormInput, FormState, submitForm } from '../../web/page-form';
import { YearQuery } from '../review/review.dto';
import { CommentDto } from './comments.dto';
import { CommentsService, Subject } from './comments.service';
import { PeriodLookup } from '../../periods/period-lookup';
import { refuse } from '../../i18n/refusal';

@ApiExcludeController()
@Controller('agencies/:agencyId/workflow')
export class CommentsPagesController {
  constructor(
    @Inject(CommentsService) private readonly comments: CommentsService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  @Get('indicators/:indicator/comments')
  @RequirePermission('agency.read')
  async indicatorThread(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @Query() query: YearQuery,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, await this.indicatorSubject(indicator, query.year), 200, {});
  }

  @Post('indicators/:indicator/comments')
  @RequirePermission('agency.read')
  async postOnIndicator(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @FormBody(CommentDto) form: FormInput<CommentDto>,
    @Res() res: Response,
  ) {
    const subject = await this.indicatorSubject(indicator, Number(form.values.year) || undefined);
    await this.post(res, actor, agencyId, subject, form, `indicators/${indicator}/comments`);
  }

  @Get('evidence/:evidenceId/comments')
  @RequirePermission('agency.read')
  async evidenceThread(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Query() _query: YearQuery,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, { evidenceId }, 200, {});
  }

  @Post('evidence/:evidenceId/comments')
  @RequirePermission('agency.read')
  async postOnEvidence(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @FormBody(CommentDto) form: FormInput<CommentDto>,
    @Res() res: Response,
  ) {
    await this.post(res, actor, agencyId, { evidenceId }, form, `evidence/${evidenceId}/comments`);
  }

  private async indicatorSubject(indicator: number, year?: number): Promise<Subject> {
    const period = await this.periods.current(year);
    if (!period)
      throw year
        ? refuse(NotFoundException, 'msg.period.none_for_year', { year })
        : refuse(NotFoundException, 'msg.period.none');
    return { indicator, year: period.year };
  }

  private async post(
    res: Response,
    actor: Actor,
    agencyId: string,
    subject: Subject,
    form: FormInput<CommentDto>,
    path: string,
  ) {
    // The thread is served at the address the form posts to.
    await submitForm(res, form, {
      save: async (dto) => {
        await this.comments.post(actor, agencyId, subject, dto.body);
        const year = 'year' in subject ? `?year=${subject.year}` : '';
        return `/agencies/${agencyId}/workflow/${path}${year}#end`;
      },
      page: (state) => this.render(res, actor, agencyId, subject, state.status, state),
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    subject: Subject,
    status: number,
    model: Partial<FormState>,
  ) {
    const thread = await this.comments.thread(actor, agencyId, subject);
    const base = `/agencies/${agencyId}/workflow`;
    res.status(status).render('workflow/comments', {
      title: translate(requestLang(res), 'workflow.comments.title'),
      activeNav: 'agencies',
      agencyId,
      thread,
      action: thread.evidenceId
        ? `${base}/evidence/${thread.evidenceId}/comments`
        : `${base}/indicators/${thread.indicator}/comments`,
      ...model,
    });
  }
}
