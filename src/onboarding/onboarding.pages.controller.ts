import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can, reachesUnit } from '../access/actor';
import { USAGE_TYPES } from '../applications/application.entity';
import { requestLang } from '../i18n/language.middleware';
import { FormBody, FormInput, FormState, submitForm } from '../web/page-form';
import { pageModel } from '../kernel/agency-pages';
import { ONBOARDING_STATUSES } from './onboarding-item.entity';
import { STEPS } from './onboarding.catalogue';
import { UpdateOnboardingItemDto } from './onboarding.dto';
import { OnboardingService } from './onboarding.service';
import { shareChart } from './roadmap.chart';
import { parseSort } from './roadmap.controller';
import { ROADMAP_SORTS, RoadmapService } from './roadmap.service';
import { roadmapXlsx } from './roadmap.xlsx';
import { ServiceDirectoryService } from './service-directory.service';
import { formDate, itemForm, keepPosted, readItemForm } from './onboarding.forms';
import { OnboardingRolesService } from './onboarding-roles.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The refused form of one step or item, shown again as typed. */
interface Posted {
  step: string;
  body: Record<string, unknown>;
}

function formOf(form: ReturnType<typeof itemForm>, posted?: Posted) {
  return posted?.step === form.item ? keepPosted(form, posted.body) : form;
}

/** The roadmap page, the SPLP steps of one application and the agency checklists, as forms. */
@ApiExcludeController()
@Controller('agencies/:agencyId/roadmap')
export class OnboardingPagesController {
  constructor(
    @Inject(RoadmapService) private readonly roadmap: RoadmapService,
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
    @Inject(ServiceDirectoryService) private readonly directory: ServiceDirectoryService,
    @Inject(OnboardingRolesService) private readonly roles: OnboardingRolesService,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async page(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query('sort') sort: string | undefined,
    @Res() res: Response,
  ) {
    const roadmap = await this.roadmap.read(agencyId, requestLang(res), parseSort(sort));
    res.render('onboarding/roadmap', {
      ...pageModel(res, actor, agencyId, 'roadmap', 'roadmap.title'),
      roadmap,
      rows: roadmap.rows.map((r) => ({ ...r, dueText: formDate(r.dueOn) })),
      sort: parseSort(sort),
      sorts: ROADMAP_SORTS.map((s) => ({ key: s, current: s === parseSort(sort) })),
      usageChart: shareChart(roadmap.progress, (p) => p.usage, USAGE_TYPES),
      stepChart: shareChart(roadmap.progress, (p) => p.steps, STEPS),
    });
  }

  @Get('export.xlsx')
  @RequirePermission('agency.read')
  async xlsx(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query('sort') sort: string | undefined,
    @Res() res: Response,
  ) {
    const lang = requestLang(res);
    const roadmap = await this.roadmap.read(agencyId, lang, parseSort(sort));
    res
      .type(XLSX)
      .setHeader('Content-Disposition', `attachment; filename="roadmap-${roadmap.year}.xlsx"`)
      .send(await roadmapXlsx(roadmap, lang));
  }

  @Get('applications/:applicationId')
  @RequirePermission('agency.read')
  async steps(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Res() res: Response,
  ) {
    await this.renderSteps(res, actor, agencyId, applicationId, 200, {});
  }

  @Post('applications/:applicationId/:step')
  @RequirePermission('agency.write')
  async writeStep(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Param('step') step: string,
    @FormBody(UpdateOnboardingItemDto) form: FormInput<UpdateOnboardingItemDto>,
    @Res() res: Response,
  ) {
    await submitForm(
      res,
      form.preparedBy((values) => readItemForm(values, requestLang(res))),
      {
        save: async (dto) => {
          await this.onboarding.writeStep(actor, agencyId, applicationId, step, dto);
          return `/agencies/${agencyId}/roadmap/applications/${applicationId}?saved=1`;
        },
        page: (state) =>
          this.renderSteps(res, actor, agencyId, applicationId, state.status, state, {
            step,
            body: state.form,
          }),
        at: `/agencies/${agencyId}/roadmap/applications/${applicationId}`,
      },
    );
  }

  @Get('checklists')
  @RequirePermission('agency.read')
  async checklists(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Res() res: Response,
  ) {
    await this.renderChecklists(res, actor, agencyId, 200, {});
  }

  @Post('checklists/:checklist/:item')
  @RequirePermission('agency.write')
  async writeItem(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('checklist') checklist: string,
    @Param('item') item: string,
    @FormBody(UpdateOnboardingItemDto) form: FormInput<UpdateOnboardingItemDto>,
    @Res() res: Response,
  ) {
    await submitForm(
      res,
      form.preparedBy((values) => readItemForm(values, requestLang(res))),
      {
        save: async (dto) => {
          await this.onboarding.writeChecklistItem(actor, agencyId, checklist, item, dto);
          return `/agencies/${agencyId}/roadmap/checklists?saved=1`;
        },
        page: (state) =>
          this.renderChecklists(res, actor, agencyId, state.status, state, { step: item, body: state.form }),
        at: `/agencies/${agencyId}/roadmap/checklists`,
      },
    );
  }

  @Post('service-directory')
  @RequirePermission('evidence.upload')
  async generateDirectory(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Res() res: Response,
  ) {
    await submitForm(res, undefined, {
      save: async () => {
        await this.directory.generate(actor, agencyId);
        return `/agencies/${agencyId}/roadmap/checklists?saved=1`;
      },
      page: (state) =>
        this.renderChecklists(res, actor, agencyId, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/roadmap/checklists`,
    });
  }

  private async renderSteps(
    res: Response,
    actor: Actor,
    agencyId: string,
    applicationId: string,
    status: number,
    model: Partial<FormState>,
    posted?: Posted,
  ) {
    const [[app], choices, roles] = await Promise.all([
      this.onboarding.steps(agencyId, applicationId),
      this.onboarding.evidenceChoices(agencyId),
      this.roles.read(agencyId),
    ]);
    res.status(status).render('onboarding/steps', {
      ...pageModel(res, actor, agencyId, 'roadmap', 'onboarding.steps.title'),
      app: { ...app, steps: app.steps.map((step) => formOf(itemForm(step, choices), posted)) },
      appOwner: roles.applications.find((a) => a.applicationId === applicationId)?.userName ?? null,
      editable: can(actor, 'agency.write') && reachesUnit(actor, agencyId, app.unitId),
      owners: await this.onboarding.owners(agencyId),
      statuses: ONBOARDING_STATUSES,
      saved: Boolean(res.req.query.saved),
      ...model,
    });
  }

  private async renderChecklists(
    res: Response,
    actor: Actor,
    agencyId: string,
    status: number,
    model: Partial<FormState>,
    posted?: Posted,
  ) {
    const base = pageModel(res, actor, agencyId, 'roadmap', 'onboarding.checklists.title');
    const [checklists, choices] = await Promise.all([
      this.onboarding.checklists(agencyId),
      this.onboarding.evidenceChoices(agencyId),
    ]);
    res.status(status).render('onboarding/checklists', {
      ...base,
      checklists: checklists.map((c) => ({
        ...c,
        items: c.items.map((i) => formOf(itemForm(i, choices), posted)),
      })),
      editable: base.canWriteAgency,
      canGenerate: base.canWriteAgency && can(actor, 'evidence.upload'),
      owners: await this.onboarding.owners(agencyId),
      statuses: ONBOARDING_STATUSES,
      saved: Boolean(res.req.query.saved),
      ...model,
    });
  }
}
