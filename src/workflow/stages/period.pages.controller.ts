import { Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor, can } from '../../access/actor';
import { reviewWindowOf } from '../../framework/review-window';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { PERIOD_STAGES } from '../../periods/period.entity';
import { UpdatePeriodDto } from './periods.dto';
import { PeriodsService } from './periods.service';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../../web/page-form';
import { stageRulesTable } from '../../workflow-core/stage-rules';
import { FreezeService } from '../freeze/freeze.service';
import { YearQuery } from '../review/review.dto';
import { stageTimeline } from './stage-timeline';
import { PeriodLookup } from '../../periods/period-lookup';

class PeriodPageQuery extends YearQuery {
  /** Which action just succeeded, for the confirmation line. */
  @IsOptional() @IsIn(['moved', 'dates', 'window', 'framework', 'frozen']) done?: string;
}

/** The period page: stages with dates for everyone, the stage rules, and the admin's controls. */
@ApiExcludeController()
@Controller('periods')
export class PeriodPagesController {
  constructor(
    @Inject(PeriodsService) private readonly periods: PeriodsService,
    @Inject(FreezeService) private readonly freezes: FreezeService,
    @Inject(PeriodLookup) private readonly periodLookup: PeriodLookup,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async page(@CurrentActor() actor: Actor, @Query() query: PeriodPageQuery, @Res() res: Response) {
    await this.render(res, actor, query.year, 200, { done: query.done });
  }

  @Post(':year/dates')
  @RequirePermission('period.manage')
  async dates(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @FormBody(UpdatePeriodDto) form: FormInput<UpdatePeriodDto>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, year, 'dates', form, (dto) => this.periods.update(actor, year, dto));
  }

  /** The review window: the evaluation team's reading of "secara periodik" (empty: the edition's). */
  @Post(':year/review-window')
  @RequirePermission('period.manage')
  async reviewWindow(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @FormBody(UpdatePeriodDto) form: FormInput<UpdatePeriodDto>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, year, 'window', form, ({ version, reviewWindowMonths }) =>
      this.periods.update(actor, year, { version, reviewWindowMonths: reviewWindowMonths ?? null }),
    );
  }

  /** The framework package and version the period uses (docs/frameworks.md), as "id@version". */
  @Post(':year/framework')
  @RequirePermission('period.manage')
  async framework(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @FormBody(UpdatePeriodDto) form: FormInput<UpdatePeriodDto>,
    @Res() res: Response,
  ) {
    const choice = form.preparedBy(({ framework, ...rest }) => {
      const [id, packageVersion] = typeof framework === 'string' ? framework.split('@') : [];
      return { ...rest, frameworkVersion: id ?? '', frameworkPackageVersion: packageVersion ?? '' };
    });
    await this.act(res, actor, year, 'framework', choice, (dto) => this.periods.update(actor, year, dto));
  }

  private async act(
    res: Response,
    actor: Actor,
    year: number,
    done: string,
    form: FormInput<UpdatePeriodDto>,
    work: (dto: UpdatePeriodDto) => Promise<unknown>,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await work(dto);
        return `/periods?year=${year}&done=${done}`;
      },
      page: (state) => this.render(res, actor, year, state.status, state),
      at: `/periods?year=${year}`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    year: number | undefined,
    status: number,
    model: Partial<FormState> & { done?: string },
  ) {
    const lang = requestLang(res);
    const stored = await this.periodLookup.current(year);
    // After a refusal the forms show what was entered.
    const period = stored ? withEntered(stored, model) : stored;
    const chosen = model.form?.framework;
    const all = await this.periods.list();
    const counts = period ? await this.freezes.counts(period.id) : null;
    res.status(status).render('workflow/period', {
      title: translate(lang, 'workflow.period.title'),
      activeNav: 'periods',
      period,
      window: period ? reviewWindowOf(period) : null,
      periods: all.map((p) => ({ year: p.year, stage: p.stage, current: p.year === period?.year })),
      stages: period ? stageTimeline(period) : [],
      stageOptions: PERIOD_STAGES.map((s) => ({ value: s, selected: s === period?.stage })),
      rules: stageRulesTable(),
      canManage: can(actor, 'period.manage'),
      counts,
      frameworks: period
        ? (await this.periods.frameworkOptions(period.year)).map((f) =>
            typeof chosen === 'string' ? { ...f, selected: f.value === chosen } : f,
          )
        : [],
      ...model,
    });
  }
}
