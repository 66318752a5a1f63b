import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { FormBody, FormInput, submitForm } from '../web/page-form';
import { CurrentActor, RequirePermission, SignedIn } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { AccountService } from './account.service';
import { ChangePasswordDto, CreateTokenDto } from './auth.dto';
import { clearSessionCookie } from './session-cookie';

@ApiExcludeController()
@Controller('account')
export class AccountPagesController {
  constructor(
    @Inject(AccountService) private readonly account: AccountService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @SignedIn()
  async page(@CurrentActor() actor: Actor, @Query('must') must: string | undefined, @Res() res: Response) {
    await this.render(res, actor, 200, {
      notice: must ? translate(requestLang(res), 'account.mustChange') : undefined,
    });
  }

  @Post('password')
  @SignedIn()
  async changePassword(
    @CurrentActor() actor: Actor,
    @FormBody(ChangePasswordDto) form: FormInput<ChangePasswordDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.account.changeOwnPassword(actor, dto.currentPassword, dto.newPassword);
        // Every session ended with the change, this one too: sign in again with the new password.
        clearSessionCookie(res, this.config.auth);
        return '/login?changed=1';
      },
      // Passwords are never sent back into the form.
      page: (state) => this.render(res, actor, state.status, { passwordError: state.formError }),
      at: '/account',
    });
  }

  @Post('tokens')
  @RequirePermission('account.self')
  async createToken(
    @CurrentActor() actor: Actor,
    @FormBody(CreateTokenDto) form: FormInput<CreateTokenDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      // The new token is shown once, on the page itself.
      save: async (dto) => {
        const created = await this.account.createToken(actor, dto.name, dto.expiresInDays);
        await this.render(res, actor, 201, { created });
      },
      page: (state) =>
        this.render(res, actor, state.status, { tokenError: state.formError, form: state.form }),
      at: '/account',
    });
  }

  @Post('tokens/:tokenId/revoke')
  @RequirePermission('account.self')
  async revokeToken(
    @CurrentActor() actor: Actor,
    @Param('tokenId', ParseUUIDPipe) tokenId: string,
    @Res() res: Response,
  ) {
    await this.account.revokeToken(actor, tokenId);
    res.redirect(303, '/account');
  }

  private async render(res: Response, actor: Actor, status: number, model: Record<string, unknown>) {
    res.status(status).render('pages/account', {
      title: translate(requestLang(res), 'account.title'),
      activeNav: 'account',
      tokens: await this.account.listTokens(actor),
      roleKey: `role.${actor.role}`,
      ...model,
    });
  }
}
