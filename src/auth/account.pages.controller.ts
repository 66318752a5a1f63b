import {
  BadRequestException,
  Body,
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
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto, @Res() res: Response) {
    try {
      await this.account.changeOwnPassword(actor, body.currentPassword, body.newPassword);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      return this.render(res, actor, 400, { passwordError: error.message });
    }
    // Every session ended with the change, this one too: sign in again with the new password.
    clearSessionCookie(res, this.config.auth);
    res.redirect(303, '/login?changed=1');
  }

  @Post('tokens')
  @RequirePermission('account.self')
  async createToken(@CurrentActor() actor: Actor, @Body() body: CreateTokenDto, @Res() res: Response) {
    const created = await this.account.createToken(actor, body.name, body.expiresInDays);
    await this.render(res, actor, 201, { created });
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
