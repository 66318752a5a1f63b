import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../web/page-form';
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
    @FormBody(CreateSplDto) form: FormInput<CreateSplDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.spl.create(actor, agencyId, dto);
        return `/agencies/${agencyId}/spl?saved=1`;
      },
      page: (state) => this.render(res, actor, agencyId, state.status, state),
    });
  }

  @Post(':splId')
  @RequirePermission('agency.write')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('splId', ParseUUIDPipe) splId: string,
    @FormBody(UpdateSplDto) form: FormInput<UpdateSplDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.spl.update(actor, agencyId, splId, dto);
        return `/agencies/${agencyId}/spl?saved=1`;
      },
      page: (state) =>
        this.render(res, actor, agencyId, state.status, {
          formError: state.formError,
          edited: { id: splId, state },
        }),
      at: `/agencies/${agencyId}/spl`,
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
    await submitForm(res, undefined, {
      save: async () => {
        await this.spl.remove(actor, agencyId, splId);
        return `/agencies/${agencyId}/spl?saved=1`;
      },
      page: (state) => this.render(res, actor, agencyId, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/spl`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    status: number,
    model: Partial<FormState> & { saved?: boolean; edited?: { id: string; state: FormState } },
  ) {
    const page = await this.spl.list(agencyId, { pageSize: 200 });
    const { edited, ...shown } = model;
    res.status(status).render('pages/spl', {
      ...pageModel(res, actor, agencyId, 'spl', 'data.spl.title'),
      items: page.items.map((item) => (item.id === edited?.id ? withEntered(item, edited.state) : item)),
      connection: await this.connection.read(agencyId),
      products: options(SPL_PRODUCTS, 'data.product'),
      ...shown,
    });
  }
}
