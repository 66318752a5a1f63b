import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can, reachesUnit } from '../access/actor';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../web/page-form';
import { options, pageModel, pager } from '../kernel/agency-pages';
import { UnitsService } from '../units/units.service';
import { APP_SCOPES, EXCHANGE_MODES, USAGE_TYPES } from './application.entity';
import { CreateApplicationDto, ListApplicationsQuery, UpdateApplicationDto } from './applications.dto';
import { ApplicationsService } from './applications.service';

@ApiExcludeController()
@Controller('agencies/:agencyId/applications')
export class ApplicationsPagesController {
  constructor(
    @Inject(ApplicationsService) private readonly apps: ApplicationsService,
    @Inject(UnitsService) private readonly units: UnitsService,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async list(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListApplicationsQuery,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, query, 200, {});
  }

  @Post()
  @RequirePermission('agency.write')
  async create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(CreateApplicationDto) form: FormInput<CreateApplicationDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        const app = await this.apps.create(actor, agencyId, dto);
        return `/agencies/${agencyId}/applications?unitId=${app.unitId}&created=1`;
      },
      page: (state) => this.render(res, actor, agencyId, {}, state.status, state),
    });
  }

  @Post(':applicationId')
  @RequirePermission('agency.write')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @FormBody(UpdateApplicationDto) form: FormInput<UpdateApplicationDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        const app = await this.apps.update(actor, agencyId, applicationId, dto);
        return `/agencies/${agencyId}/applications?unitId=${app.unitId}&saved=1`;
      },
      // The row being edited shows what was entered; the add form stays empty.
      page: (state) =>
        this.render(res, actor, agencyId, {}, state.status, {
          formError: state.formError,
          edited: { applicationId, state },
        }),
      at: `/agencies/${agencyId}/applications`,
    });
  }

  @Post(':applicationId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Res() res: Response,
  ) {
    await submitForm(res, undefined, {
      save: async () => {
        await this.apps.remove(actor, agencyId, applicationId);
        return `/agencies/${agencyId}/applications?deleted=1`;
      },
      page: (state) => this.render(res, actor, agencyId, {}, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/applications`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    query: ListApplicationsQuery,
    status: number,
    model: Partial<FormState> & { edited?: { applicationId: string; state: FormState } },
  ) {
    const page = await this.apps.list(agencyId, query);
    const { edited, ...shown } = model;
    const units = await this.units.names(agencyId);
    res.status(status).render('pages/applications', {
      ...pageModel(res, actor, agencyId, 'applications', 'data.apps.title'),
      page: {
        ...page,
        items: page.items.map((a) => ({
          ...(a.id === edited?.applicationId ? withEntered(a, edited.state) : a),
          editable: can(actor, 'agency.write') && reachesUnit(actor, agencyId, a.unitId),
        })),
      },
      pager: pager(page, { ...query }, `/agencies/${agencyId}/applications`),
      query,
      units,
      writableUnits: units.filter((u) => reachesUnit(actor, agencyId, u.id)),
      exchanges: options(EXCHANGE_MODES, 'data.exchange'),
      usageTypes: options(USAGE_TYPES, 'data.usageType'),
      appScopes: options(APP_SCOPES, 'data.appScope'),
      saved: Boolean(res.req.query.saved || res.req.query.created),
      ...shown,
    });
  }
}
