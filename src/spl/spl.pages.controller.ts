import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { formError, parseForm } from '../kernel/forms';
import { options, pageModel } from '../kernel/agency-pages';
import { SPL_PRODUCTS } from './spl-instance.entity';
import { CreateSplDto, UpdateSplDto } from './spl.dto';
import { SplConnectionService } from '../onboarding/spl-connection.service';
import { SplService } from './spl.service';

@ApiExcludeController()
@Controller('agencies/:agencyId/spl')
export class SplPagesController {
  constructor(
    @Inject(SplService) private readonly spl: SplService,
    @Inject(SplConnectionService) private readonly connection: SplConnectionService,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async list(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, 200, { saved: Boolean(res.req.query.saved) });
  }

  @Post()
  @RequirePermission('agency.write')
  async create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, body, async () => {
      await this.spl.create(actor, agencyId, await parseForm(CreateSplDto, body));
    });
  }

  @Post(':splId')
  @RequirePermission('agency.write')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('splId', ParseUUIDPipe) splId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, {}, async () => {
      await this.spl.update(actor, agencyId, splId, await parseForm(UpdateSplDto, body));
    });
  }

  @Post(':splId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('splId', ParseUUIDPipe) splId: string,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, {}, () => this.spl.remove(actor, agencyId, splId));
  }

  private async attempt(
    res: Response,
    actor: Actor,
    agencyId: string,
    form: object,
    work: () => Promise<void>,
  ) {
    try {
      await work();
      res.redirect(303, `/agencies/${agencyId}/spl?saved=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, status, { formError: message, form });
    }
  }

  private async render(res: Response, actor: Actor, agencyId: string, status: number, model: object) {
    const page = await this.spl.list(agencyId, { pageSize: 200 });
    res.status(status).render('pages/spl', {
      ...pageModel(res, actor, agencyId, 'spl', 'data.spl.title'),
      items: page.items,
      connection: await this.connection.read(agencyId),
      products: options(SPL_PRODUCTS, 'data.product'),
      ...model,
    });
  }
}
