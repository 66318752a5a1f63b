import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { AgencyDirectory } from '../agencies/agency-directory';
import { requestLang } from '../i18n/language.middleware';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../web/page-form';
import { options, pageModel, pager } from '../kernel/agency-pages';
import { historyModel } from '../history/history.view';
import { HistoryService } from '../history/history.service';
import { CreatePolicyDto, ListPoliciesQuery, UpdatePolicyDto } from './policies.dto';
import { PoliciesService } from './policies.service';
import { POLICY_FORMS, POLICY_STATUSES } from './policy.entity';

@ApiExcludeController()
@Controller('agencies/:agencyId/policies')
export class PoliciesPagesController {
  constructor(
    @Inject(PoliciesService) private readonly policies: PoliciesService,
    @Inject(HistoryService) private readonly history: HistoryService,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async list(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListPoliciesQuery,
    @Res() res: Response,
  ) {
    await this.renderList(res, actor, agencyId, query, 200, {});
  }

  @Post()
  @RequirePermission('agency.write')
  async create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(CreatePolicyDto) form: FormInput<CreatePolicyDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) =>
        `/agencies/${agencyId}/policies/${(await this.policies.create(actor, agencyId, dto)).id}?created=1`,
      page: (state) => this.renderList(res, actor, agencyId, {}, state.status, state),
    });
  }

  @Get(':policyId')
  @RequirePermission('agency.read')
  async detail(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
    @Query('saved') saved: string | undefined,
    @Res() res: Response,
  ) {
    await this.renderDetail(res, actor, agencyId, policyId, 200, { saved: Boolean(saved) });
  }

  @Post(':policyId')
  @RequirePermission('agency.write')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
    @FormBody(UpdatePolicyDto) form: FormInput<UpdatePolicyDto>,
    @Res() res: Response,
  ) {
    // A multi-select sends nothing when empty; the form carries the unit list.
    await submitForm(res, form.withDefaults({ unitIds: [] }), {
      save: async (dto) => {
        await this.policies.update(actor, agencyId, policyId, dto);
        return `/agencies/${agencyId}/policies/${policyId}?saved=1`;
      },
      page: (state) => this.renderDetail(res, actor, agencyId, policyId, state.status, state),
    });
  }

  /** Links evidence items to the policy: the form lists every item, ticked ones are linked. */
  @Post(':policyId/evidence')
  @RequirePermission('agency.write')
  async linkEvidence(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
    @FormBody(UpdatePolicyDto) form: FormInput<UpdatePolicyDto>,
    @Res() res: Response,
  ) {
    // Every item is listed and an unticked list sends nothing: the form carries the whole list.
    await submitForm(res, form.withDefaults({ evidenceIds: [] }), {
      save: async (dto) => {
        await this.policies.update(actor, agencyId, policyId, dto);
        return `/agencies/${agencyId}/policies/${policyId}?saved=1#evidence`;
      },
      page: (state) =>
        this.renderDetail(res, actor, agencyId, policyId, state.status, {
          evidenceError: state.formError,
          form: state.form,
        }),
      at: `/agencies/${agencyId}/policies/${policyId}`,
    });
  }

  @Post(':policyId/delete')
  @RequirePermission('agency.write')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
    @Res() res: Response,
  ) {
    await submitForm(res, undefined, {
      save: async () => {
        await this.policies.remove(actor, agencyId, policyId);
        return `/agencies/${agencyId}/policies?deleted=1`;
      },
      page: (state) =>
        this.renderDetail(res, actor, agencyId, policyId, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/policies/${policyId}`,
    });
  }

  private async choices(agencyId: string) {
    return {
      forms: options(POLICY_FORMS, 'data.legalForm'),
      statuses: options(POLICY_STATUSES, 'data.policyStatus'),
      units: await this.directory.unitNames(agencyId),
      others: await this.policies.titles(agencyId),
    };
  }

  private async renderList(
    res: Response,
    actor: Actor,
    agencyId: string,
    query: ListPoliciesQuery,
    status: number,
    model: object,
  ) {
    const page = await this.policies.list(agencyId, query);
    res.status(status).render('pages/policies', {
      ...pageModel(res, actor, agencyId, 'policies', 'data.policies.title'),
      page,
      pager: pager(page, { ...query }, `/agencies/${agencyId}/policies`),
      query,
      ...(await this.choices(agencyId)),
      ...model,
    });
  }

  private async renderDetail(
    res: Response,
    actor: Actor,
    agencyId: string,
    policyId: string,
    status: number,
    model: Partial<FormState> & { saved?: boolean; evidenceError?: string },
  ) {
    const policy = withEntered(await this.policies.get(agencyId, policyId), model);
    const unitIds = [policy.unitIds].flat();
    const evidenceIds = [policy.evidenceIds].flat();
    const choices = await this.choices(agencyId);
    res.status(status).render('pages/policy', {
      ...pageModel(res, actor, agencyId, 'policies', 'data.policies.title'),
      title: policy.title,
      policy,
      ...choices,
      units: choices.units.map((u) => ({ ...u, selected: unitIds.includes(u.id) })),
      others: choices.others.filter((p) => p.id !== policy.id),
      evidence: (await this.directory.evidenceChoices(agencyId)).map((e) => ({
        ...e,
        linked: evidenceIds.includes(e.id),
      })),
      history: historyModel(
        await this.history.find(agencyId, 'policy', policyId),
        requestLang(res),
        await this.directory.recordNames(agencyId, requestLang(res)),
      ),
      ...model,
    });
  }
}
