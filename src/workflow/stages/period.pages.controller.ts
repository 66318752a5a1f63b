import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor, can } from '../../access/actor';
import { reviewWindowOf } from '../../framework/review-window';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { PERIOD_STAGES } from '../../periods/period.entity';
import { UpdatePeriodDto } from '../../periods/periods.dto';
import { PeriodsService } from '../../periods/periods.service';
import { formError, parseForm } from '../../kernel/forms';
import { stageRulesTable } from '../core/stage-rules';
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
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, year, 'dates', async () => {
      await this.periods.update(actor, year, await parseForm(UpdatePeriodDto, body));
    });
  }

  /** The review window: the evaluation team's reading of "secara periodik" (empty: the edition's). */
  @Post(':year/review-window')
  @RequirePermission('period.manage')
  async reviewWindow(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, year, 'window', async () => {
      const { version, reviewWindowMonths } = await parseForm(UpdatePeriodDto, body);
      await this.periods.update(actor, year, { version, reviewWindowMonths: reviewWindowMonths ?? null });
    });
  }

  /** The framework package and version the period uses (docs/frameworks.md), as "id@version". */
  @Post(':year/framework')
  @RequirePermission('period.manage')
  async framework(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, year, 'framework', async () => {
      const [id, packageVersion] = typeof body.framework === 'string' ? body.framework.split('@') : [];
      const dto = await parseForm(UpdatePeriodDto, {
        version: body.version,
        frameworkVersion: id ?? '',
        frameworkPackageVersion: packageVersion ?? '',
      });
      await this.periods.update(actor, year, dto);
    });
  }

  private async act(res: Response, actor: Actor, year: number, done: string, work: () => Promise<void>) {
    try {
      await work();
      res.redirect(303, `/periods?year=${year}&done=${done}`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, year, status, { formError: message });
    }
  }

  private async render(res: Response, actor: Actor, year: number | undefined, status: number, model: object) {
    const lang = requestLang(res);
    const period = await this.periodLookup.current(year);
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
      frameworks: period ? await this.periods.frameworkOptions(period.year) : [],
      ...model,
    });
  }
}
