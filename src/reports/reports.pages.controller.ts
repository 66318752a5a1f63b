import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { AgenciesService } from '../agencies/agencies.service';
import { AGENCY_KINDS } from '../agencies/agency.entity';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { contentDisposition } from '../storage/storage-keys';
import { RollupJobForm } from './reports.dto';
import { CONTENT_TYPES } from './report-file';
import { RollupJobs } from './rollup-jobs';
import { SHEETS } from './spreadsheet';
import { PeriodLookup } from '../periods/period-lookup';
import { FormBody, FormInput, FormState, submitForm } from '../web/page-form';

/** Seconds between reloads of a running roll-up's page (HTTP `Refresh`, no script needed). */
const POLL_SECONDS = 2;

@ApiExcludeController()
@Controller('reports')
export class ReportsPagesController {
  constructor(
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(RollupJobs) private readonly jobs: RollupJobs,
  ) {}

  /** The agencies the actor may see, each with its downloads, and the roll-up form. */
  @Get()
  @RequirePermission('report.read')
  async index(@CurrentActor() actor: Actor, @Query() query: Record<string, string>, @Res() res: Response) {
    await this.render(res, actor, query, 200, {});
  }

  private async render(
    res: Response,
    actor: Actor,
    query: Record<string, string>,
    status: number,
    model: Partial<FormState>,
  ) {
    const period = await this.periods.current(Number(query.year) || undefined);
    let rows = period ? await this.agencies.listVisible(actor, period.id) : [];
    if (query.agency) rows = rows.filter((r) => r.id === query.agency);
    const q = (query.q ?? '').trim().toLowerCase();
    if (q) rows = rows.filter((r) => r.name.toLowerCase().includes(q) || r.code.toLowerCase().includes(q));
    const lang = requestLang(res);
    res.status(status).render('reports/index', {
      title: translate(lang, 'reports.page.title'),
      activeNav: 'reports',
      period,
      query,
      rows,
      sheets: SHEETS,
      kinds: AGENCY_KINDS,
      national: actor.role === 'admin' || (actor.role === 'leader' && actor.agencyId === null),
      ...model,
    });
  }

  @Post('rollup')
  @RequirePermission('report.read')
  async startRollup(
    @CurrentActor() actor: Actor,
    @FormBody(RollupJobForm) form: FormInput<RollupJobForm>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async ({ year, reportLang, ...options }) => {
        const period = await this.periods.byYear(year);
        const job = await this.jobs.start(actor, period, clean(options), reportLang ?? requestLang(res));
        return `/reports/jobs/${job.id}`;
      },
      page: (state) => this.render(res, actor, { year: String(state.form.year ?? '') }, state.status, state),
      at: '/reports',
    });
  }

  /** Progress of a roll-up; reloads itself while it runs, then offers the download. */
  @Get('jobs/:jobId')
  @RequirePermission('report.read')
  async job(
    @CurrentActor() actor: Actor,
    @Param('jobId', ParseUUIDPipe) jobId: string,
    @Res() res: Response,
  ) {
    const job = await this.jobs.get(actor, jobId);
    if (job.status === 'queued' || job.status === 'running') res.setHeader('Refresh', String(POLL_SECONDS));
    res.render('reports/job', {
      title: translate(requestLang(res), 'reports.job.title'),
      activeNav: 'reports',
      job,
    });
  }

  @Get('jobs/:jobId/rollup.pdf')
  @RequirePermission('report.read')
  async download(
    @CurrentActor() actor: Actor,
    @Param('jobId', ParseUUIDPipe) jobId: string,
    @Res() res: Response,
  ) {
    const { stream, fileName } = await this.jobs.open(actor, jobId);
    res.setHeader('Content-Type', CONTENT_TYPES.pdf);
    res.setHeader('Content-Disposition', contentDisposition(fileName, 'attachment'));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}

/** Empty form fields mean "no filter". */
function clean<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== '' && v !== undefined)) as T;
}
