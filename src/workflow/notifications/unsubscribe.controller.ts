import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
import { Response } from 'express';
import { Public } from '../../access/access.decorators';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { NotificationPreferencesService } from './notification-preferences.service';
import { UnsubscribeDto, UnsubscribeQuery } from './notification-preferences.dto';

/**
 * The link at the foot of every mail. Public, because it must work without signing in; the
 * signed token is the whole authority, and it reaches one setting of one person. Opening the
 * link only asks (mail scanners open links); the button, or a mail client's one-click POST, acts.
 */
@ApiTags('notifications')
@Controller()
export class UnsubscribeController {
  constructor(
    @Inject(NotificationPreferencesService) private readonly prefs: NotificationPreferencesService,
  ) {}

  @Get('mail/unsubscribe')
  @Public()
  @ApiExcludeEndpoint()
  confirm(@Query() query: UnsubscribeQuery, @Res() res: Response) {
    const read = this.prefs.readToken(query.token);
    this.render(res, read ? 200 : 400, { token: query.token, kind: read?.kind });
  }

  @Post('mail/unsubscribe')
  @Public()
  @ApiExcludeEndpoint()
  async unsubscribePage(@Body() body: UnsubscribeDto, @Res() res: Response) {
    if (!this.prefs.readToken(body.token)) return this.render(res, 400, {});
    const { kind } = await this.prefs.unsubscribe(body.token);
    this.render(res, 200, { kind, done: true });
  }

  @Post('api/v1/mail/unsubscribe')
  @ApiOperationDoc({
    summary: 'One-click unsubscribe',
    description:
      'One-click unsubscribe (RFC 8058) from the List-Unsubscribe header of an e-mail; the signed token in the query names the person and the kind of mail.',
    errors: { 400: true },
    body: { 'List-Unsubscribe': 'One-Click' },
    public: true,
  })
  @Public()
  @HttpCode(200)
  @ApiQuery({ name: 'token', required: true })
  @ApiOkResponse({
    description: 'One-click unsubscribe (RFC 8058) from the List-Unsubscribe header: { kind }.',
  })
  async oneClick(@Query() query: UnsubscribeQuery, @Body() _body: UnsubscribeDto) {
    return this.prefs.unsubscribe(query.token);
  }

  private render(res: Response, status: number, model: { token?: string; kind?: string; done?: boolean }) {
    const lang = requestLang(res);
    res.status(status).render('workflow/unsubscribe', {
      title: translate(lang, 'notify.unsub.title'),
      ...model,
      kindName: model.kind ? translate(lang, `notify.kind.${model.kind}`) : undefined,
      invalid: !model.kind,
    });
  }
}
