import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Request } from 'express';
import { Strategy } from 'passport-local';
import { User } from '../users/user.entity';
import { AuthService } from './auth.service';
import { refuse } from '../i18n/refusal';

/** The catalogue keys of a refused login: the API answers them as `code`, the page in words. */
export const LOGIN_FAILED = 'login.failed';
export const ACCOUNT_LOCKED = 'login.locked';

/** passport-local: username and password from the form or JSON body, checked with lockout. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(req: Request, username: unknown, password: unknown): Promise<User> {
    // The guard reads the body before validation: a number or an object is refused here.
    if (typeof username !== 'string' || typeof password !== 'string')
      throw refuse(BadRequestException, 'msg.auth.credentials_text');
    if (username.length > 100 || password.length > 1024)
      throw refuse(BadRequestException, 'msg.auth.credentials_long');
    const result = await this.auth.verifyCredentials(username, password, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    if (!result.ok)
      throw refuse(UnauthorizedException, result.reason === 'locked' ? ACCOUNT_LOCKED : LOGIN_FAILED);
    return result.user;
  }
}
