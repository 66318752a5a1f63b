import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Request } from 'express';
import { Actor } from './actor';
import { Permission } from './roles';

export const ACCESS_KEY = 'spbe:access';

/**
 * Every route declares its access: public, any signed-in user, or a permission. The global
 * guard denies routes without a declaration, and the access-matrix test fails on them.
 */
export type AccessRule =
  { kind: 'public' } | { kind: 'signed-in' } | { kind: 'permission'; permission: Permission };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
export const SignedIn = () => SetMetadata(ACCESS_KEY, { kind: 'signed-in' } satisfies AccessRule);
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ACCESS_KEY, { kind: 'permission', permission } satisfies AccessRule);

export type RequestWithActor = Request & { actor?: Actor; id?: string };

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route that does not authenticate');
  return actor;
});
