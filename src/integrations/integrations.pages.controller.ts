import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { formError, parseForm } from '../kernel/forms';
import { options, pageModel, pager } from '../kernel/agency-pages';
import { INTEGRATION_TARGETS } from './integration.entity';
import { CreateIntegrationDto, ListIntegrationsQuery } from './integrations.dto';
import { IntegrationsService } from './integrations.service';

@ApiExcludeController()
@Controller('agencies/:agencyId/integrations')
export class IntegrationsPagesController {
  constructor(@Inject(IntegrationsService) private readonly integrations: IntegrationsService) {}

  @Get()
  @RequirePermission('agency.read')
  async list(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListIntegrationsQuery,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, query, 200, { saved: Boolean(res.req.query.saved) });
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
      await this.integrations.create(actor, agencyId, await parseForm(CreateIntegrationDto, body));
      res.redirect(303, `/agencies/${agencyId}/integrations?saved=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, {}, status, { formError: message, form: body });
    }
  }

  @Post(':integrationId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('integrationId', ParseUUIDPipe) integrationId: string,
    @Res() res: Response,
  ) {
    try {
      await this.integrations.remove(actor, agencyId, integrationId);
      res.redirect(303, `/agencies/${agencyId}/integrations?saved=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, {}, status, { formError: message });
    }
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    query: ListIntegrationsQuery,
    status: number,
    model: object,
  ) {
    const page = await this.integrations.list(agencyId, query);
    res.status(status).render('pages/integrations', {
      ...pageModel(res, actor, agencyId, 'integrations', 'data.integrations.title'),
      page,
      pager: pager(page, { ...query }, `/agencies/${agencyId}/integrations`),
      query,
      targets: options(INTEGRATION_TARGETS, 'data.target'),
      ...model,
    });
  }
}
