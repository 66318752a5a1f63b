import { Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, SignedIn } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { MAIL_MODES } from './notification-preference.entity';
import { NotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';
import { FormBody, FormInput, FormState, submitForm } from '../../web/page-form';

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
    await this.render(res, actor, 200, { saved: saved === '1' });
  }

  @Post()
  @SignedIn()
  async save(
    @CurrentActor() actor: Actor,
    @FormBody(NotificationPreferencesDto) form: FormInput<NotificationPreferencesDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.prefs.save(actor, dto);
        return '/account/notifications?saved=1';
      },
      page: (state) => this.render(res, actor, state.status, state),
    });
  }

  /** The choices as stored, or after a refusal as they were sent. */
  private async render(
    res: Response,
    actor: Actor,
    status: number,
    model: Partial<FormState> & { saved?: boolean },
  ) {
    const lang = requestLang(res);
    const view = await this.prefs.view(actor);
    const sent = model.form ?? {};
    const modeOf = (kind: string, stored: string) => (typeof sent[kind] === 'string' ? sent[kind] : stored);
    const mailLang = typeof sent.mailLang === 'string' ? sent.mailLang : view.mailLang;
    res.status(status).render('workflow/notification-preferences', {
      title: translate(lang, 'notify.prefs.title'),
      activeNav: 'account',
      ...view,
      saved: Boolean(model.saved),
      formError: model.formError,
      languages: this.prefs.mailLanguages(mailLang),
      kinds: view.kinds.map((k) => ({
        ...k,
        options: MAIL_MODES.map((mode) => ({ mode, checked: mode === modeOf(k.kind, k.mode) })),
      })),
    });
  }
}
