import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { PeriodLookup } from '../../periods/period-lookup';
import { PERIOD_STAGES, Period, PeriodStage } from '../../periods/period.entity';
import { FormBody, FormInput, submitForm } from '../../web/page-form';
import { WORKFLOW_ACTIONS, STAGE_RULES } from '../../workflow-core/stage-rules';
import { FreezeDto } from '../freeze/freeze.dto';
import { FreezeCandidate, FreezeService } from '../freeze/freeze.service';
import { MoveStageDto } from './stages.dto';
import { StagesService } from './stages.service';

class StageQuery {
  @IsIn(PERIOD_STAGES) stage!: PeriodStage;
}

/**
 * Stage moves and freezing ask first: each has a confirmation page at the GET of the URL its form
 * posts to, saying which agencies are affected; the POST acts only when the page confirmed.
 */
@ApiExcludeController()
@Controller('periods/:year')
export class PeriodConfirmPagesController {
  constructor(
    @Inject(StagesService) private readonly stages: StagesService,
    @Inject(FreezeService) private readonly freezes: FreezeService,
    @Inject(PeriodLookup) private readonly periodLookup: PeriodLookup,
  ) {}

  @Get('stage')
  @RequirePermission('period.manage')
  async confirmMove(
    @Param('year', ParseIntPipe) year: number,
    @Query() query: StageQuery,
    @Res() res: Response,
  ) {
    await this.renderMove(res, await this.periodLookup.byYear(year), query.stage, 200, {});
  }

  @Post('stage')
  @RequirePermission('period.manage')
  async move(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @FormBody(MoveStageDto) form: FormInput<MoveStageDto>,
    @Res() res: Response,
  ) {
    const period = await this.periodLookup.byYear(year);
    const target = PERIOD_STAGES.find((s) => s === form.values.stage) ?? period.stage;
    if (form.values.confirmed !== 'yes') return res.redirect(303, `/periods/${year}/stage?stage=${target}`);
    await submitForm(
      res,
      form.preparedBy(({ confirmed: _c, ...fields }) => fields),
      {
        save: async (dto) => {
          await this.stages.move(actor, year, dto);
          return `/periods?year=${year}&done=moved`;
        },
        page: (state) => this.renderMove(res, period, target, state.status, { formError: state.formError }),
        at: `/periods/${year}/stage?stage=${target}`,
      },
    );
  }

  @Get('freeze')
  @RequirePermission('period.manage')
  async confirmFreeze(@Param('year', ParseIntPipe) year: number, @Res() res: Response) {
    await this.renderFreeze(res, await this.periodLookup.byYear(year), 200, {});
  }

  @Post('freeze')
  @RequirePermission('period.manage')
  async freeze(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @FormBody(FreezeDto) form: FormInput<FreezeDto>,
    @Res() res: Response,
  ) {
    const period = await this.periodLookup.byYear(year);
    const lang = requestLang(res);
    await submitForm(res, form, {
      save: async (dto) => {
        const chosen = { agencyIds: dto.agencyIds ?? [], includeUnsubmitted: !!dto.includeUnsubmitted };
        if (!chosen.agencyIds.length)
          throw new BadRequestException(translate(lang, 'pages.freeze.noneChosen'));
        const unsubmitted = (await this.freezes.candidates(period.id)).filter(
          (c) => chosen.agencyIds.includes(c.agencyId) && !c.submitted,
        );
        if (unsubmitted.length && !chosen.includeUnsubmitted)
          throw new BadRequestException(
            translate(lang, 'pages.freeze.unsubmittedNeedsChoice', {
              names: unsubmitted.map((c) => c.name).join(', '),
            }),
          );
        await this.freezes.freeze(actor, period, chosen.agencyIds, true);
        return `/periods?year=${year}&done=frozen`;
      },
      // The boxes ticked and the choice about unsubmitted agencies stay as they were sent.
      page: (state) =>
        this.renderFreeze(res, period, state.status, {
          formError: state.formError,
          chosen: {
            agencyIds: ([] as unknown[]).concat(state.form.agencyIds ?? []).map(String),
            includeUnsubmitted: ['true', 'on', '1'].includes(String(state.form.includeUnsubmitted)),
          },
        }),
    });
  }

  private async renderMove(res: Response, period: Period, to: PeriodStage, status: number, model: object) {
    const agencies = await this.freezes.candidates(period.id);
    const changes = (from: PeriodStage, into: PeriodStage) =>
      WORKFLOW_ACTIONS.filter((a) => STAGE_RULES[from][a].length > 0 && STAGE_RULES[into][a].length === 0);
    res.status(status).render('workflow/confirm-stage', {
      title: translate(requestLang(res), 'pages.stage.confirmTitle'),
      activeNav: 'periods',
      period,
      to,
      same: to === period.stage,
      closing: changes(period.stage, to),
      opening: changes(to, period.stage),
      notSubmitted: agencies.filter((a) => !a.submitted),
      undecided: agencies.filter((a) => a.undecided > 0),
      ...model,
    });
  }

  private async renderFreeze(
    res: Response,
    period: Period,
    status: number,
    model: { formError?: string; chosen?: { agencyIds: string[]; includeUnsubmitted: boolean } },
  ) {
    const agencies = await this.freezes.candidates(period.id);
    const chosen = model.chosen;
    const checked = (a: FreezeCandidate) => (chosen ? chosen.agencyIds.includes(a.agencyId) : a.submitted);
    res.status(status).render('workflow/confirm-freeze', {
      title: translate(requestLang(res), 'pages.freeze.confirmTitle'),
      activeNav: 'periods',
      period,
      open: period.stage === 'final',
      agencies: agencies.map((a) => ({ ...a, checked: !a.frozen && checked(a) })),
      notSubmitted: agencies.filter((a) => !a.submitted && !a.frozen).length,
      includeUnsubmitted: chosen?.includeUnsubmitted ?? false,
      formError: model.formError,
    });
  }
}
