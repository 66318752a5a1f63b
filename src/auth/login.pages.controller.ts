import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { CurrentActor, Public, SignedIn } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { User } from '../users/user.entity';
import { LoginPageDto } from './auth.dto';
import { AuthService } from './auth.service';
import { rotateCsrfCookie } from '../web/csrf';
import { ACCOUNT_LOCKED } from './local.strategy';
import { LocalPageAuthGuard } from './login.guards';
import { clearSessionCookie, safeNext, setSessionCookie } from './session-cookie';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

type LoginRequest = Request & { user?: User | null; loginError?: string };

@ApiExcludeController()
@Controller()
export class LoginPagesController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  page(@Query('next') next: string | undefined, @Res() res: Response) {
    this.render(res, 200, { next: safeNext(next, '') });
  }

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard, LocalPageAuthGuard)
  async login(@Body() body: LoginPageDto, @Req() req: LoginRequest, @Res() res: Response) {
    if (!req.user) {
      const lang = requestLang(res);
      const key = req.loginError === ACCOUNT_LOCKED ? 'login.locked' : 'login.failed';
      return this.render(res, 401, {
        next: safeNext(body.next, ''),
        username: body.username,
        error: translate(lang, key),
      });
    }
    const { secret } = await this.auth.startSession(req.user, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    setSessionCookie(res, secret, this.config.auth);
    rotateCsrfCookie(req, res, this.config.auth.secureCookies);
    const target = req.user.mustChangePassword ? '/account?must=1' : safeNext(body.next, '/');
    res.redirect(303, target);
  }

  @Post('logout')
  @SignedIn()
  async logout(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    await this.auth.logout(actor, { ip: req.ip });
    clearSessionCookie(res, this.config.auth);
    res.redirect(303, '/login');
  }

  private render(res: Response, status: number, model: Record<string, unknown>) {
    const lang = requestLang(res);
    res.status(status).render('pages/login', {
      title: translate(lang, 'login.title'),
      demo: this.config.demo ? { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD } : undefined,
      ...model,
    });
  }
}
