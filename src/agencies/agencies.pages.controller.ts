import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { AssessmentsService } from '../assessments/assessments.service';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { LevelsService } from '../levels/levels.service';
import { ScoringService } from '../scoring/scoring.service';
import { AgenciesService, AgencySummary } from './agencies.service';
import { AgencyDirectory } from './agency-directory';
import { levelBars, nameUnits, topGaps, unitRows } from './dashboard.view';

const SORTS: Record<string, (a: AgencySummary, b: AgencySummary) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  i7: (a, b) => (a.i7 ?? -1) - (b.i7 ?? -1),
  i18: (a, b) => (a.i18 ?? -1) - (b.i18 ?? -1),
  coverage: (a, b) => (a.coverage ?? -1) - (b.coverage ?? -1),
  units: (a, b) => a.units - b.units,
};

@ApiExcludeController()
@Controller('agencies')
export class AgenciesPagesController {
  constructor(
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
    @Inject(LevelsService) private readonly levels: LevelsService,
    @Inject(AssessmentsService) private readonly assessments: AssessmentsService,
    @Inject(ScoringService) private readonly scoring: ScoringService,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, string>, @Res() res: Response) {
    const period = await this.levels.currentPeriod(Number(query.year) || undefined);
    let rows = await this.agencies.listVisible(actor, period?.id ?? null);
    if (rows.length === 1 && actor.agencyId) return res.redirect(303, `/agencies/${rows[0].id}`);
    const q = (query.q ?? '').trim().toLowerCase();
    if (q)
      rows = rows.filter(
        (r) => r.name.toLowerCase().includes(q) || r.code.includes(q) || (r.areaCode ?? '').includes(q),
      );
    if (query.kind) rows = rows.filter((r) => r.kind === query.kind);
    const sort = SORTS[query.sort] ? query.sort : 'name';
    rows.sort(SORTS[sort]);
    if (query.dir === 'desc') rows.reverse();
    const lang = requestLang(res);
    res.render('pages/agencies', {
      title: translate(lang, 'agencies.title'),
      activeNav: 'agencies',
      period,
      query: { ...query, sort, dir: query.dir === 'desc' ? 'desc' : 'asc' },
      rows: rows.map((r) => ({
        ...r,
        coveragePct: r.coverage === null ? null : Math.round(r.coverage * 100),
      })),
      sortLinks: Object.keys(SORTS).map((key) => ({
        key,
        dir: sort === key && query.dir !== 'desc' ? 'desc' : 'asc',
      })),
    });
  }

  @Get(':agencyId')
  @RequirePermission('agency.read')
  async dashboard(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query('year') year: string | undefined,
    @Res() res: Response,
  ) {
    const agency = await this.agencies.findById(agencyId);
    const period = await this.levels.currentPeriod(Number(year) || undefined);
    if (!agency || !period)
      throw new NotFoundException(!agency ? 'Agency not found.' : 'No evaluation period yet.');
    const lang = requestLang(res);
    const view = await this.assessments.view(agencyId, period.year, lang);
    const names = new Map((await this.directory.unitNames(agencyId)).map((u) => [u.id, u]));
    const units = unitRows(view.supported, names);
    const i18 = view.supported.indicators['18'] as unknown as {
      coverage: number;
      unitsInScope: number;
      unitsUsingSpl: number;
    };
    const weights = { 7: 1.3, 18: 2.5 };
    res.render('pages/agency', {
      title: agency.name,
      activeNav: 'agencies',
      agency,
      period,
      indicators: view.indicators.map((v) => ({
        ...v,
        name: this.indicatorName(v.indicator, lang),
        levelName: translate(lang, `level.${v.supported}`),
        weight: weights[v.indicator as 7 | 18].toFixed(2),
        contribution: ((v.supported * weights[v.indicator as 7 | 18]) / 100).toFixed(3),
      })),
      coveragePct: Math.round(i18.coverage * 100),
      coverageWidth: Math.round(i18.coverage * 300),
      unitsInScope: i18.unitsInScope,
      unitsUsingSpl: i18.unitsUsingSpl,
      units,
      bars: levelBars(units),
      gaps: topGaps(view.supported).map((g) => ({ ...g, message: nameUnits(g.message, names) })),
      factsHash: view.factsHash,
    });
  }

  private indicatorName(n: number, lang: 'id' | 'en'): string {
    for (const d of this.scoring.getFramework().domains)
      for (const a of d.aspects) for (const i of a.indicators) if (i.number === n) return i.name[lang];
    return String(n);
  }
}
