import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { LevelsReader } from '../levels/levels-reader';
import { PeriodLookup } from '../periods/period-lookup';
import { SplUseResult } from '../scoring/scoring.types';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../web/page-form';
import { options, pageModel, pager } from '../kernel/agency-pages';
import { historyModel } from '../history/history.view';
import { HistoryService } from '../history/history.service';
import { UNIT_KINDS } from './unit.entity';
import { CreateUnitDto, ListUnitsQuery, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';
import { requestLang } from '../i18n/language.middleware';
import { Lang } from '../i18n/i18n';
import { engineTextForPeople } from '../agencies/engine-words';

@ApiExcludeController()
@Controller('agencies/:agencyId/units')
export class UnitsPagesController {
  constructor(
    @Inject(UnitsService) private readonly units: UnitsService,
    @Inject(HistoryService) private readonly history: HistoryService,
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(PeriodLookup) private readonly periodLookup: PeriodLookup,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async list(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListUnitsQuery,
    @Res() res: Response,
  ) {
    await this.renderList(res, actor, agencyId, query, 200, {});
  }

  @Post()
  @RequirePermission('agency.write')
  async create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(CreateUnitDto) form: FormInput<CreateUnitDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) =>
        `/agencies/${agencyId}/units/${(await this.units.create(actor, agencyId, dto)).id}?created=1`,
      page: (state) => this.renderList(res, actor, agencyId, {}, state.status, state),
    });
  }

  @Get(':unitId')
  @RequirePermission('agency.read')
  async detail(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Query('saved') saved: string | undefined,
    @Res() res: Response,
  ) {
    await this.renderDetail(res, actor, agencyId, unitId, 200, { saved: Boolean(saved) });
  }

  @Post(':unitId')
  @RequirePermission('agency.write')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @FormBody(UpdateUnitDto) form: FormInput<UpdateUnitDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.units.update(actor, agencyId, unitId, dto);
        return `/agencies/${agencyId}/units/${unitId}?saved=1`;
      },
      page: (state) => this.renderDetail(res, actor, agencyId, unitId, state.status, state),
    });
  }

  @Post(':unitId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Res() res: Response,
  ) {
    await submitForm(res, undefined, {
      save: async () => {
        await this.units.remove(actor, agencyId, unitId);
        return `/agencies/${agencyId}/units?deleted=1`;
      },
      page: (state) =>
        this.renderDetail(res, actor, agencyId, unitId, state.status, { deleteError: state.formError }),
      at: `/agencies/${agencyId}/units/${unitId}`,
    });
  }

  private async renderList(
    res: Response,
    actor: Actor,
    agencyId: string,
    query: ListUnitsQuery,
    status: number,
    model: object,
  ) {
    const page = await this.units.list(agencyId, query);
    res.status(status).render('pages/units', {
      ...pageModel(res, actor, agencyId, 'units', 'data.units.title'),
      page,
      pager: pager(page, { ...query }, `/agencies/${agencyId}/units`),
      query: { ...query, inScope: query.inScope === undefined ? '' : String(query.inScope) },
      kinds: options(UNIT_KINDS, 'data.kind'),
      ...model,
    });
  }

  /** The unit's Indicator 18 result in the current period: level, coverage and what is missing. */
  private async unitResult(agencyId: string, unit: { id: string; name: string }, lang: Lang) {
    const unitId = unit.id;
    const period = await this.periodLookup.current();
    if (!period) return null;
    const { supported } = await this.levels.read(agencyId, period.year);
    const i18 = supported.indicators['18'] as SplUseResult | undefined;
    const result = i18?.units?.find((u) => u.id === unitId);
    if (!result) return { year: period.year, inResult: false };
    // The engine names the unit by id and evidence kinds by code; people read words.
    const names = new Map([[unitId, { name: unit.name }]]);
    return {
      year: period.year,
      inResult: true,
      level: result.level,
      coveragePct: Math.round(result.coverage * 100),
      applications: result.applications,
      viaSpl: result.applicationsViaSpl,
      nextLevel: result.next?.level ?? null,
      missing: (result.next?.missing ?? []).map((m) => ({
        ...m,
        message: engineTextForPeople(m.message, lang, names),
      })),
    };
  }

  private async renderDetail(
    res: Response,
    actor: Actor,
    agencyId: string,
    unitId: string,
    status: number,
    model: Partial<FormState> & { saved?: boolean; deleteError?: string },
  ) {
    const unit = withEntered(await this.units.get(agencyId, unitId), model);
    const applications = await this.units.applicationsOf(agencyId, unitId);
    res.status(status).render('pages/unit', {
      result: await this.unitResult(agencyId, unit, requestLang(res)),
      ...pageModel(res, actor, agencyId, 'units', 'data.units.title'),
      title: unit.name,
      unit,
      applications,
      kinds: options(UNIT_KINDS, 'data.kind'),
      history: historyModel(await this.history.find(agencyId, 'unit', unitId), requestLang(res)),
      ...model,
    });
  }
}
