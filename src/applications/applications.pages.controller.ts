import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can, reachesUnit } from '../access/actor';
import { formError, parseForm } from '../kernel/forms';
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
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      const app = await this.apps.create(actor, agencyId, await parseForm(CreateApplicationDto, body));
      res.redirect(303, `/agencies/${agencyId}/applications?unitId=${app.unitId}&created=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, {}, status, { formError: message, form: body });
    }
  }

  @Post(':applicationId')
  @RequirePermission('agency.write')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      const app = await this.apps.update(
        actor,
        agencyId,
        applicationId,
        await parseForm(UpdateApplicationDto, body),
      );
      res.redirect(303, `/agencies/${agencyId}/applications?unitId=${app.unitId}&saved=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, {}, status, { formError: message });
    }
  }

  @Post(':applicationId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Res() res: Response,
  ) {
    try {
      await this.apps.remove(actor, agencyId, applicationId);
      res.redirect(303, `/agencies/${agencyId}/applications?deleted=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, {}, status, { formError: message });
    }
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    query: ListApplicationsQuery,
    status: number,
    model: object,
  ) {
    const page = await this.apps.list(agencyId, query);
    const units = await this.units.names(agencyId);
    res.status(status).render('pages/applications', {
      ...pageModel(res, actor, agencyId, 'applications', 'data.apps.title'),
      page: {
        ...page,
        items: page.items.map((a) => ({
          ...a,
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
      ...model,
    });
  }
}
