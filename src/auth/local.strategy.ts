import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Request } from 'express';
import { Strategy } from 'passport-local';
import { User } from '../users/user.entity';
import { AuthService } from './auth.service';

export const LOGIN_FAILED = 'Username or password is wrong.';
export const ACCOUNT_LOCKED = 'Too many failed logins: this account is locked for a while.';

/** passport-local: username and password from the form or JSON body, checked with lockout. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(req: Request, username: unknown, password: unknown): Promise<User> {
    // The guard reads the body before validation: a number or an object is refused here.
    if (typeof username !== 'string' || typeof password !== 'string')
      throw new BadRequestException('username and password must be text.');
    if (username.length > 100 || password.length > 1024)
      throw new BadRequestException('username or password is too long.');
    const result = await this.auth.verifyCredentials(username, password, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    if (!result.ok)
      throw new UnauthorizedException(result.reason === 'locked' ? ACCOUNT_LOCKED : LOGIN_FAILED);
    return result.user;
  }
}
