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
import { AgenciesService } from '../agencies/agencies.service';
import { AgencyDirectory } from '../agencies/agency-directory';
import { nameUnits } from '../agencies/dashboard.view';
import { Lang, translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { evidenceIdOf } from '../levels/facts.builder';
import { ScoringService } from '../scoring/scoring.service';
import { FormBody, FormInput, submitForm } from '../web/page-form';
import { allows } from '../workflow-core/stage-rules';
import { Period } from '../periods/period.entity';
import { ClaimDto } from './assessments.dto';
import { AssessmentsService } from './assessments.service';
import { criteriaView, readingsView } from './criteria.view';
import { ParseIndicatorPipe } from './parse-indicator.pipe';
import { PeriodLookup } from '../periods/period-lookup';
import { refuse } from '../i18n/refusal';

type Params = { agencyId: string; year: number; indicator: number };

@ApiExcludeController()
@Controller('agencies/:agencyId/periods/:year/indicators/:indicator')
export class AssessmentsPagesController {
  constructor(
    @Inject(AssessmentsService) private readonly assessments: AssessmentsService,
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(ScoringService) private readonly scoring: ScoringService,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async page(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @Res() res: Response,
  ) {
    await this.render(res, actor, { agencyId, year, indicator }, 200, {});
  }

  @Post()
  @RequirePermission('assessment.claim')
  async claim(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @FormBody(ClaimDto) form: FormInput<ClaimDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.assessments.claim(actor, agencyId, year, indicator, dto);
        return `/agencies/${agencyId}/periods/${year}/indicators/${indicator}?saved=1`;
      },
      page: ({ status, formError, form: entered }) =>
        this.render(res, actor, { agencyId, year, indicator }, status, {
          formError,
          form: {
            claimedLevel: Number(entered.claimedLevel),
            justification: String(entered.justification ?? ''),
          },
        }),
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    p: Params,
    status: number,
    model: { formError?: string; form?: Partial<ClaimDto> } = {},
  ) {
    const agency = await this.agencies.findById(p.agencyId);
    if (!agency) throw refuse(NotFoundException, 'msg.not_found.agency');
    const lang = requestLang(res);
    const period = await this.periods.byYear(p.year);
    const view = await this.assessments.view(p.agencyId, period, lang);
    const values = view.indicators.find((i) => i.indicator === p.indicator)!;
    const records = await this.directory.recordNames(p.agencyId, lang);
    const detail = view.supported.indicators[String(p.indicator)];
    const titles = await this.directory.evidenceTitles(p.agencyId, [
      ...new Set(view.facts.evidence.map((e) => evidenceIdOf(e.id))),
    ]);
    const criteria = criteriaView({
      framework: view.framework,
      indicator: p.indicator,
      edition: period.edition,
      lang,
      supported: detail.criteria,
      verified: view.verified.indicators[String(p.indicator)].criteria,
      facts: view.facts,
      titles,
    });
    res.status(status).render('pages/indicator', {
      title: `${translate(lang, 'indicator.title')} ${p.indicator}`,
      activeNav: 'agencies',
      agency,
      period,
      values,
      indicatorName: detail.name,
      explanations: criteria.explanations,
      criteria: criteria.levels,
      // The page scores the facts in its own language, so the readings' texts are in it too.
      readings: readingsView(view.supported.readings, p.indicator, period, lang),
      missing: (detail.next?.missing ?? []).map((m) => ({
        ...m,
        message: nameUnits(m.message, records, lang),
      })),
      nextLevel: detail.next?.level,
      ...this.claimState(actor, period, values.status, lang),
      template: translate(lang, 'indicator.template', {
        level: values.supported,
        name: translate(lang, `level.${values.supported}`),
      }),
      levelOptions: [0, 1, 2, 3, 4, 5].map((level) => ({
        level,
        selected: level === (model.form?.claimedLevel ?? values.claimed ?? values.supported),
      })),
      justification: model.form?.justification ?? values.justification,
      ...model,
    });
  }

  /** Whether the claim form is offered; when the stage closed it, the reason instead. */
  private claimState(actor: Actor, period: Period, status: string, lang: Lang) {
    if (!can(actor, 'assessment.claim')) return { canClaim: false };
    const open = allows('assessment.claim', { stage: period.stage, submitted: status !== 'draft' });
    if (open) return { canClaim: true };
    const stage = translate(lang, `stage.${period.stage}`);
    const key = status === 'draft' ? 'pages.stage.claimClosed' : 'pages.stage.claimSubmitted';
    return { canClaim: false, claimClosed: translate(lang, key, { stage }) };
  }
}
