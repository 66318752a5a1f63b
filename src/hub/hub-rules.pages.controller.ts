import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { FormBody, FormInput, FormState, submitForm } from '../web/page-form';
import { HubContextService } from './hub-context.service';
import { HubRulesService } from './hub-rules.service';
import { AssignDto, HubPageQuery, RuleDto } from './hub.dto';
import { TEMPLATES, hubPageModel } from './hub.view';
import { MATCH_TYPES } from './parsers';

/** Mapping rules: list, add, delete, import F8, and the hub records no rule attributes yet. */
@ApiExcludeController()
@Controller('agencies/:agencyId/hub')
export class HubRulesPagesController {
  constructor(
    @Inject(HubRulesService) private readonly rules: HubRulesService,
    @Inject(HubContextService) private readonly context: HubContextService,
  ) {}

  @Get('rules')
  @RequirePermission('agency.read')
  async list(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: HubPageQuery,
    @Res() res: Response,
  ) {
    const imported = query.imported ? await this.context.importById(agencyId, query.imported) : null;
    await this.render(res, actor, agencyId, 200, {
      saved: query.saved !== undefined,
      imported,
    });
  }

  @Post('rules')
  @RequirePermission('agency.write')
  async add(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(RuleDto) form: FormInput<RuleDto>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, form, (dto) => this.rules.add(actor, agencyId, dto));
  }

  @Post('rules/:hubRuleId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('hubRuleId', ParseUUIDPipe) ruleId: string,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, undefined, () => this.rules.remove(actor, agencyId, ruleId));
  }

  @Post('assignments')
  @RequirePermission('agency.write')
  async assign(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(AssignDto) form: FormInput<AssignDto>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, form, (dto) =>
      this.rules.assign(actor, agencyId, dto.kind, dto.id, dto.unitId),
    );
  }

  /** Runs a change; success returns to the rules page, a refusal shows the form there again. */
  private async act<T extends object>(
    res: Response,
    actor: Actor,
    agencyId: string,
    form: FormInput<T> | undefined,
    work: (dto: T) => Promise<unknown>,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await work(dto);
        return `/agencies/${agencyId}/hub/rules?saved=1`;
      },
      page: (state) => this.render(res, actor, agencyId, state.status, state),
      at: `/agencies/${agencyId}/hub/rules`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    status: number,
    model: Partial<FormState> | Record<string, unknown>,
  ) {
    res.status(status).render('hub/rules', {
      ...hubPageModel(res, actor, agencyId, 'hub.rules.title'),
      rules: await this.rules.list(agencyId),
      unmapped: await this.rules.unmapped(agencyId),
      units: await this.context.units(agencyId),
      matchTypes: MATCH_TYPES,
      templates: TEMPLATES.filter((t) => t.id === 'units' || t.id === 'hubs'),
      ...model,
    });
  }
}
