import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can, reachesUnit } from '../access/actor';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../web/page-form';
import { pageModel } from '../kernel/agency-pages';
import { SERVICE_ROLES } from './onboarding.catalogue';
import { WriteRoleDto } from './onboarding.dto';
import { OnboardingRolesService } from './onboarding-roles.service';
import { OnboardingService } from './onboarding.service';

/** Who is who on the road to the SPLP, as forms. */
@ApiExcludeController()
@Controller('agencies/:agencyId/roadmap/roles')
export class OnboardingRolesPagesController {
  constructor(
    @Inject(OnboardingRolesService) private readonly roles: OnboardingRolesService,
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async page(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, 200, {});
  }

  @Post(':role')
  @RequirePermission('agency.write')
  async write(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('role') role: string,
    @FormBody(WriteRoleDto) form: FormInput<WriteRoleDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.roles.write(actor, agencyId, role, dto);
        return `/agencies/${agencyId}/roadmap/roles?saved=1`;
      },
      page: (state) =>
        this.render(res, actor, agencyId, state.status, {
          formError: state.formError,
          edited: { role, state },
        }),
      at: `/agencies/${agencyId}/roadmap/roles`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    status: number,
    model: Partial<FormState> & { edited?: { role: string; state: FormState } },
  ) {
    const base = pageModel(res, actor, agencyId, 'roadmap', 'onboarding.roles.title');
    const { edited, ...shown } = model;
    const read = await this.roles.read(agencyId);
    // The row whose form was refused shows what was entered.
    const entered = edited?.state.form ?? {};
    const roles = {
      ...read,
      agency: read.agency.map((r) => (r.role === edited?.role ? withEntered(r, edited.state) : r)),
      units: read.units.map((u) =>
        edited?.role === 'data_service' && u.unitId === entered.unitId ? withEntered(u, edited.state) : u,
      ),
      applications: read.applications.map((a) =>
        edited?.role === 'app_owner' && a.applicationId === entered.applicationId
          ? withEntered(a, edited.state)
          : a,
      ),
    };
    const writer = can(actor, 'agency.write');
    res.status(status).render('onboarding/roles', {
      ...base,
      roles,
      agencyEditable: base.canWriteAgency,
      units: roles.units.map((u) => ({ ...u, editable: writer && reachesUnit(actor, agencyId, u.unitId) })),
      applications: roles.applications.map((a) => ({
        ...a,
        editable: writer && reachesUnit(actor, agencyId, a.unitId),
      })),
      owners: await this.onboarding.owners(agencyId),
      serviceRoles: SERVICE_ROLES,
      saved: Boolean(res.req.query.saved),
      ...shown,
    });
  }
}
