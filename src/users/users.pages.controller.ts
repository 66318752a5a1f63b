import {
  BadRequestException,
  Body,
  ConflictException,
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
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto, @Res() res: Response) {
    try {
      const user = await this.users.create(actor, body);
      res.redirect(303, `/users/${user.id}?created=1`);
    } catch (error) {
      if (!(error instanceof BadRequestException || error instanceof ConflictException)) throw error;
      const page = await this.users.list(actor, {});
      res.status(error.getStatus()).render('pages/users', {
        title: translate(requestLang(res), 'users.title'),
        activeNav: 'users',
        page,
        query: {},
        canManage: true,
        formError: error.message,
        form: { ...body, password: '' },
        ...(await this.formOptions(actor)),
      });
    }
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
    @Body() body: UpdateUserDto,
    @Res() res: Response,
  ) {
    try {
      await this.users.update(actor, userId, body);
      res.redirect(303, `/users/${userId}?saved=1`);
    } catch (error) {
      if (!(error instanceof BadRequestException || error instanceof ConflictException)) throw error;
      await this.renderDetail(res, actor, userId, error.getStatus(), { formError: error.message });
    }
  }

  @Post(':userId/assignments')
  @RequirePermission('user.manage')
  async assign(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: AssignmentsFormDto,
    @Res() res: Response,
  ) {
    const period = await this.periods.current();
    try {
      if (!period) throw refuse(BadRequestException, 'msg.period.none_field', { field: 'year' });
      await this.users.assignForPeriod(actor, userId, period.id, body.agencyIds ?? []);
      res.redirect(303, `/users/${userId}?assigned=1`);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      await this.renderDetail(res, actor, userId, 400, { formError: error.message });
    }
  }

  @Post(':userId/password-reset')
  @RequirePermission('user.reset_password')
  async reset(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: ResetPasswordDto,
    @Res() res: Response,
  ) {
    try {
      await this.users.resetPassword(actor, userId, body.password);
      res.redirect(303, `/users/${userId}?reset=1`);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      await this.renderDetail(res, actor, userId, 400, { resetError: error.message });
    }
  }

  private async renderDetail(res: Response, actor: Actor, userId: string, status: number, model: object) {
    const user = await this.users.get(actor, userId);
    const period = await this.periods.current();
    const assigned =
      user.role === 'evaluator' && period ? await this.users.assignments(userId, period.id) : [];
    const assignable =
      user.role === 'evaluator' && actor.role === 'admin'
        ? (await this.agencies.listNames()).map((a) => ({ ...a, selected: assigned.includes(a.id) }))
        : [];
    res.status(status).render('pages/user', {
      period,
      assignable,
      title: user.displayName,
      activeNav: 'users',
      user,
      canManage: can(actor, 'user.manage'),
      canReset: can(actor, 'user.reset_password'),
      ...(await this.formOptions(actor, user.agencyId)),
      ...model,
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
