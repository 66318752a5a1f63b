import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../web/page-form';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can } from '../access/actor';
import { COORDINATOR_ASSIGNABLE, ROLES, Role } from '../access/roles';
import { AgencyDirectory } from '../agencies/agency-directory';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import {
  AssignmentsFormDto,
  CreateUserDto,
  ListUsersQuery,
  ResetPasswordDto,
  UpdateUserDto,
} from './users.dto';
import { UsersService } from './users.service';
import { PeriodLookup } from '../periods/period-lookup';
import { refuse } from '../i18n/refusal';

@ApiExcludeController()
@Controller('users')
export class UsersPagesController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AgencyDirectory) private readonly agencies: AgencyDirectory,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  @Get()
  @RequirePermission('user.read')
  async list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery, @Res() res: Response) {
    const page = await this.users.list(actor, query);
    res.render('pages/users', {
      title: translate(requestLang(res), 'users.title'),
      activeNav: 'users',
      page,
      query,
      canManage: can(actor, 'user.manage'),
      ...(await this.formOptions(actor)),
    });
  }

  @Post()
  @RequirePermission('user.manage')
  async create(
    @CurrentActor() actor: Actor,
    @FormBody(CreateUserDto) form: FormInput<CreateUserDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => `/users/${(await this.users.create(actor, dto)).id}?created=1`,
      page: async (state) => {
        res.render('pages/users', {
          title: translate(requestLang(res), 'users.title'),
          activeNav: 'users',
          page: await this.users.list(actor, {}),
          query: {},
          canManage: true,
          ...state,
          ...(await this.formOptions(actor)),
        });
      },
    });
  }

  @Get(':userId')
  @RequirePermission('user.read')
  async detail(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Res() res: Response,
  ) {
    await this.renderDetail(res, actor, userId, 200, {});
  }

  @Post(':userId')
  @RequirePermission('user.manage')
  async update(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @FormBody(UpdateUserDto) form: FormInput<UpdateUserDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.users.update(actor, userId, dto);
        return `/users/${userId}?saved=1`;
      },
      page: (state) => this.renderDetail(res, actor, userId, state.status, { ...state, edited: true }),
    });
  }

  @Post(':userId/assignments')
  @RequirePermission('user.manage')
  async assign(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @FormBody(AssignmentsFormDto) form: FormInput<AssignmentsFormDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        const period = await this.periods.current();
        if (!period) throw refuse(BadRequestException, 'msg.period.none_field', { field: 'year' });
        await this.users.assignForPeriod(actor, userId, period.id, dto.agencyIds ?? []);
        return `/users/${userId}?assigned=1`;
      },
      // The agencies chosen stay chosen (none sent means all were taken off).
      page: (state) =>
        this.renderDetail(res, actor, userId, state.status, {
          formError: state.formError,
          chosen: ([] as unknown[]).concat(state.form.agencyIds ?? []).map(String),
        }),
      at: `/users/${userId}`,
    });
  }

  @Post(':userId/password-reset')
  @RequirePermission('user.reset_password')
  async reset(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @FormBody(ResetPasswordDto) form: FormInput<ResetPasswordDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.users.resetPassword(actor, userId, dto.password);
        return `/users/${userId}?reset=1`;
      },
      page: (state) => this.renderDetail(res, actor, userId, state.status, { resetError: state.formError }),
      at: `/users/${userId}`,
    });
  }

  private async renderDetail(
    res: Response,
    actor: Actor,
    userId: string,
    status: number,
    model: Partial<FormState> & { edited?: boolean; resetError?: string; chosen?: string[] },
  ) {
    const { edited, chosen, ...shown } = model;
    const stored = await this.users.get(actor, userId);
    // The edit form shows what was entered; the title keeps the stored name.
    const user = edited ? withEntered(stored, model) : stored;
    const period = await this.periods.current();
    const assigned =
      user.role === 'evaluator' && period ? await this.users.assignments(userId, period.id) : [];
    const assignable =
      user.role === 'evaluator' && actor.role === 'admin'
        ? (await this.agencies.listNames()).map((a) => ({
            ...a,
            selected: (chosen ?? assigned).includes(a.id),
          }))
        : [];
    res.status(status).render('pages/user', {
      period,
      assignable,
      title: stored.displayName,
      activeNav: 'users',
      user,
      canManage: can(actor, 'user.manage'),
      canReset: can(actor, 'user.reset_password'),
      ...(await this.formOptions(actor, stored.agencyId)),
      ...shown,
    });
  }

  private async formOptions(actor: Actor, agencyId?: string | null) {
    const roles: readonly Role[] = actor.role === 'admin' ? ROLES : COORDINATOR_ASSIGNABLE;
    const agencies = actor.role === 'admin' ? await this.agencies.listNames() : [];
    const unitAgency = agencyId ?? actor.agencyId;
    return {
      roleOptions: roles.map((r) => ({ value: r, labelKey: `role.${r}` })),
      agencies,
      units: unitAgency ? await this.agencies.unitNames(unitAgency) : [],
    };
  }
}
