import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can, reachesUnit } from '../access/actor';
import { formError, parseForm } from '../kernel/forms';
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
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      await this.roles.write(actor, agencyId, role, await parseForm(WriteRoleDto, body));
      res.redirect(303, `/agencies/${agencyId}/roadmap/roles?saved=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, status, { formError: message });
    }
  }

  private async render(res: Response, actor: Actor, agencyId: string, status: number, model: object) {
    const base = pageModel(res, actor, agencyId, 'roadmap', 'onboarding.roles.title');
    const roles = await this.roles.read(agencyId);
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
      ...model,
    });
  }
}
