import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Request } from 'express';
import { refusalOf } from '../i18n/refusal';
import { LOGIN_FAILED } from './local.strategy';

/** For the API: a failed login is a 401 with the reason. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {}

/** For the login page: a failure is kept on the request so the form can show it again. */
@Injectable()
export class LocalPageAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(
    error: unknown,
    user: TUser,
    _info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (error || !user) {
      const req = context.switchToHttp().getRequest<Request & { loginError?: string }>();
      req.loginError = refusalOf(error)?.key ?? LOGIN_FAILED;
    }
    return user;
  }
}
