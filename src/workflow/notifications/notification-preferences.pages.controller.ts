import { Body, Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, SignedIn } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { MAIL_MODES } from './notification-preference.entity';
import { NotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

/** A person's own e-mail choices: per event kind immediately, in the daily digest, or off. */
@ApiExcludeController()
@Controller('account/notifications')
export class NotificationPreferencesPagesController {
  constructor(
    @Inject(NotificationPreferencesService) private readonly prefs: NotificationPreferencesService,
  ) {}

  @Get()
  @SignedIn()
  async page(@CurrentActor() actor: Actor, @Query('saved') saved: string | undefined, @Res() res: Response) {
    const lang = requestLang(res);
    const view = await this.prefs.view(actor);
    res.render('workflow/notification-preferences', {
      title: translate(lang, 'notify.prefs.title'),
      activeNav: 'account',
      ...view,
      saved: saved === '1',
      languages: this.prefs.mailLanguages(view.mailLang),
      kinds: view.kinds.map((k) => ({
        ...k,
        options: MAIL_MODES.map((mode) => ({ mode, checked: mode === k.mode })),
      })),
    });
  }

  @Post()
  @SignedIn()
  async save(@CurrentActor() actor: Actor, @Body() body: NotificationPreferencesDto, @Res() res: Response) {
    await this.prefs.save(actor, body);
    res.redirect(303, '/account/notifications?saved=1');
  }
}
