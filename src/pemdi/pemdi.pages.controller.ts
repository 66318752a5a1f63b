import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can } from '../access/actor';
import { ClaimDto } from '../assessments/assessments.dto';
import { translate } from '../i18n/i18n';
import { refuse } from '../i18n/refusal';
import { requestLang } from '../i18n/language.middleware';
import { FormBody, FormInput, FormState, submitForm } from '../web/page-form';
import { allows } from '../workflow-core/stage-rules';
import { WorkflowLock } from '../workflow-core/workflow-lock';
import type { Period } from '../periods/period.entity';
import { ExternalValueDto } from './pemdi.dto';
import { PemdiPeriods } from './pemdi-periods';
import { PemdiService } from './pemdi.service';

type Params = { agencyId: string; year: number; code: string };

/**
 * The indicator page of a Pemdi period: levels, the evidence a claim rests on, criteria or source;
 * the coordinator's claim form (indicators assessed by a level or by evidence) and the
 * administrator's form of an externally scored value.
 */
@ApiExcludeController()
@Controller('agencies/:agencyId/periods/:year/pemdi')
export class PemdiPagesController {
  constructor(
    @Inject(PemdiService) private readonly pemdi: PemdiService,
    @Inject(PemdiPeriods) private readonly periods: PemdiPeriods,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
  ) {}

  @Get(':code')
  @RequirePermission('agency.read')
  async indicator(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Res() res: Response,
  ) {
    await this.render(res, actor, { agencyId, year, code }, 200, {});
  }

  @Post(':code')
  @RequirePermission('assessment.claim')
  async claim(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @FormBody(ClaimDto) form: FormInput<ClaimDto>,
    @Res() res: Response,
  ) {
    const p = { agencyId, year, code };
    await submitForm(res, form.withDefaults({ evidenceIds: [] }), {
      save: async (dto) => {
        const period = await this.periods.packagePeriod(year);
        await this.pemdi.claim(actor, agencyId, period, indicatorNumber(code), dto);
        return `/agencies/${agencyId}/periods/${year}/pemdi/${code}?saved=1`;
      },
      page: (state) => this.render(res, actor, p, state.status, { claim: state }),
    });
  }

  @Post(':code/external')
  @RequirePermission('agency.manage')
  async external(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @FormBody(ExternalValueDto) form: FormInput<ExternalValueDto>,
    @Res() res: Response,
  ) {
    const p = { agencyId, year, code };
    // Indonesian writes decimals with a comma ("3,25"); the API takes a point.
    const input = form.preparedBy((v) => ({
      ...v,
      value: typeof v.value === 'string' ? v.value.trim().replace(',', '.') : v.value,
    }));
    await submitForm(res, input, {
      save: async (dto) => {
        const period = await this.periods.packagePeriod(year);
        await this.pemdi.setExternal(actor, agencyId, period, indicatorNumber(code), dto);
        return `/agencies/${agencyId}/periods/${year}/pemdi/${code}?saved=1`;
      },
      page: (state) => this.render(res, actor, p, state.status, { external: state }),
      at: `/agencies/${agencyId}/periods/${year}/pemdi/${code}`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    p: Params,
    status: number,
    refused: { claim?: FormState; external?: FormState },
  ) {
    const lang = requestLang(res);
    const period = await this.periods.packagePeriod(p.year);
    const page = await this.pemdi.indicatorPage(p.agencyId, period, p.code, lang);
    if (!page) throw refuse(NotFoundException, 'msg.pemdi.no_indicator', { code: p.code });
    const claimable = page.indicator.mode !== 'external';
    const entered = refused.claim?.form;
    const chosen = entered ? list(entered.evidenceIds) : page.evidence.map((e) => e.id);
    const claimedLevel = entered ? Number(entered.claimedLevel) : (page.indicator.claimed ?? 0);
    const external = refused.external?.form;
    res.status(status).render('pemdi/indicator', {
      title: `${page.indicator.label} ${page.indicator.name}`,
      activeNav: 'agencies',
      agencyId: p.agencyId,
      year: p.year,
      ...page,
      ...(claimable ? await this.claimState(actor, p.agencyId, period, lang) : { canClaim: false }),
      claimError: refused.claim?.formError,
      levelOptions: [1, 2, 3, 4, 5].map((level) => ({ level, selected: level === claimedLevel })),
      justificationText: entered ? String(entered.justification ?? '') : page.justification,
      evidenceOptions: page.items.map((item) => ({ ...item, checked: chosen.includes(item.id) })),
      canEnterExternal:
        page.indicator.mode === 'external' && can(actor, 'agency.manage') && !page.page.frozen,
      externalError: refused.external?.formError,
      externalForm: external
        ? {
            value: String(external.value ?? ''),
            source: String(external.source ?? ''),
            sourceUrl: String(external.sourceUrl ?? ''),
            sourceDate: String(external.sourceDate ?? ''),
          }
        : (page.indicator.external ?? { value: '', source: '', sourceUrl: '', sourceDate: '' }),
    });
  }

  /**
   * Whether the claim form is offered; when the stage or the agency's submission closed it, the
   * reason instead (as the SPBE page). The submission closes every indicator, claimed or not.
   */
  private async claimState(actor: Actor, agencyId: string, period: Period, lang: 'id' | 'en') {
    if (!can(actor, 'assessment.claim')) return { canClaim: false };
    const situation = (await this.lock.situation(agencyId, period.id)) ?? {
      stage: period.stage,
      submitted: false,
    };
    if (allows('assessment.claim', situation)) return { canClaim: true };
    const stage = translate(lang, `stage.${situation.stage}`);
    const key = situation.submitted ? 'pages.stage.claimSubmitted' : 'pages.stage.claimClosed';
    return { canClaim: false, claimClosed: translate(lang, key, { stage }) };
  }
}

/** "I12" → 12; anything else is no indicator of the package (the service refuses it). */
function indicatorNumber(code: string): number {
  const n = /^I([1-9][0-9]?)$/.exec(code);
  if (!n) throw refuse(NotFoundException, 'msg.pemdi.no_indicator', { code });
  return Number(n[1]);
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value ? [value] : [];
}
