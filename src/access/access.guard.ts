import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Response } from 'express';
import { SAFE_METHODS, csrfValid } from '../web/csrf';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ACCESS_KEY, AccessRule, RequestWithActor } from './access.decorators';
import { AccessRepository } from './access.repository';
import { AUTHENTICATOR, AuthenticatorPort } from './authenticator.port';
import { Actor, can, reachesAgency, reachesPeriod } from './actor';
import { OBJECT_SCOPES, UUID_PATTERN } from './object-scope';
import { refuse } from '../i18n/refusal';
import { msg } from '../i18n/message';

export const SESSION_COOKIE = 'spbe_session';

/**
 * The one gate: authenticates the request, then denies unless the route declares public access,
 * any signed-in user, or a permission the actor's role has. A route naming an `agencyId` outside
 * the actor's reach answers 404, so ids of other agencies reveal nothing.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly auth: AuthenticatorPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessRepository) private readonly owners: AccessRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const actor = await this.authenticate(req);
    if (actor) {
      req.actor = actor;
      const res = context.switchToHttp().getResponse<Response>();
      // Pages show who is signed in and the navigation their role may use.
      res.locals.actor = actor;
      // What a signed-in person sees stays out of shared and browser caches (the back button too).
      res.setHeader('Cache-Control', 'no-store');
    }
    if (!rule) throw refuse(ForbiddenException, 'msg.access.no_rule');
    this.checkCsrf(req, actor, rule);
    if (rule.kind === 'public') return true;
    if (!actor) throw refuse(UnauthorizedException, 'msg.access.sign_in');
    if (actor.mustChangePassword && rule.kind !== 'signed-in') {
      throw refuse(ForbiddenException, 'msg.access.change_password');
    }
    if (rule.kind === 'permission' && !can(actor, rule.permission)) {
      throw refuse(
        ForbiddenException,
        'msg.access.role_refused',
        { role: msg(`role.${actor.role}`) },
        {
          role: actor.role,
          permission: rule.permission,
        },
      );
    }
    await this.checkScope(actor, req.params ?? {});
    if (actor.role === 'evaluator') await this.checkPeriod(actor, req);
    return true;
  }

  /** Every agency-owned id in the path must be within the actor's reach, or the answer is 404. */
  private async checkScope(actor: Actor, params: Record<string, string | string[]>): Promise<void> {
    const agencyId = params.agencyId;
    if (typeof agencyId === 'string' && !reachesAgency(actor, agencyId))
      throw refuse(NotFoundException, 'msg.not_found.agency');
    for (const [name, value] of Object.entries(params)) {
      const scope = OBJECT_SCOPES[name];
      if (!scope || typeof value !== 'string') continue;
      if (!UUID_PATTERN.test(value)) throw refuse(NotFoundException, 'msg.not_found.field', { field: name });
      const owner = await this.owners.ownerOf(scope, value);
      const reachable =
        owner &&
        (owner.agency_id === null
          ? actor.role === 'admin'
          : owner.period_id
            ? reachesPeriod(actor, owner.agency_id, owner.period_id)
            : reachesAgency(actor, owner.agency_id));
      // An object named under an agency's path must belong to that agency, whoever asks (admins too).
      const underItsAgency =
        typeof agencyId !== 'string' || owner?.agency_id === null || owner?.agency_id === agencyId;
      if (!reachable || !underItsAgency)
        throw refuse(NotFoundException, 'msg.not_found.field', { field: name });
    }
  }

  /**
   * An evaluator reaches an agency for the periods assigned to them only: the period a request
   * is about is that of the evidence item or round it names (checked with the object), else the
   * year in its path or query, else the latest period (what the pages show).
   */
  private async checkPeriod(actor: Actor, req: RequestWithActor): Promise<void> {
    const agencyId = req.params?.agencyId;
    if (typeof agencyId !== 'string') return;
    if (Object.keys(req.params ?? {}).some((name) => OBJECT_SCOPES[name]?.periodColumn)) return;
    const given = req.params?.year ?? (req.query as Record<string, unknown> | undefined)?.year;
    const year = typeof given === 'string' && /^\d{4}$/.test(given) ? Number(given) : undefined;
    const periodId = await this.owners.periodId(year);
    // No such period: the route answers that itself (a 404 or a 400 for the year).
    if (periodId && !reachesPeriod(actor, agencyId, periodId))
      throw refuse(NotFoundException, 'msg.not_found.agency');
  }

  private async authenticate(req: RequestWithActor): Promise<Actor | null> {
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      const actor = await this.auth.authenticate(header.slice(7).trim(), 'bearer');
      if (!actor) throw refuse(UnauthorizedException, 'msg.access.token');
      return actor;
    }
    const cookie = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    return cookie ? this.auth.authenticate(cookie, 'cookie') : null;
  }

  /** Changes made with ambient credentials (a session cookie, or a public page form) need a token. */
  private checkCsrf(req: RequestWithActor, actor: Actor | null, rule: AccessRule): void {
    if (SAFE_METHODS.has(req.method)) return;
    const cookieAuthenticated = actor?.via === 'session';
    const publicForm = rule.kind === 'public' && !req.path.startsWith('/api/');
    if ((cookieAuthenticated || publicForm) && !csrfValid(this.config.sessionSecret, req)) {
      throw refuse(ForbiddenException, 'msg.access.csrf');
    }
  }
}
