import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { FormBody, FormInput, submitForm } from '../web/page-form';
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
    @FormBody(CreateIntegrationDto) form: FormInput<CreateIntegrationDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.integrations.create(actor, agencyId, dto);
        return `/agencies/${agencyId}/integrations?saved=1`;
      },
      page: (state) => this.render(res, actor, agencyId, {}, state.status, state),
    });
  }

  @Post(':integrationId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('integrationId', ParseUUIDPipe) integrationId: string,
    @Res() res: Response,
  ) {
    await submitForm(res, undefined, {
      save: async () => {
        await this.integrations.remove(actor, agencyId, integrationId);
        return `/agencies/${agencyId}/integrations?saved=1`;
      },
      page: (state) => this.render(res, actor, agencyId, {}, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/integrations`,
    });
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
