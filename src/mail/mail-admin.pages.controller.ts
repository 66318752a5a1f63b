import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { RequirePermission } from '../access/access.decorators';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { MAIL_STATUSES } from './mail-outbox.entity';
import { MailAdminService } from './mail-admin.service';
import { MailListQuery } from './mail.dto';

/** The national admin's view of outgoing mail (a national setting, hence agency.manage). */
@ApiExcludeController()
@Controller('admin/mail')
export class MailAdminPagesController {
  constructor(@Inject(MailAdminService) private readonly mail: MailAdminService) {}

  @Get()
  @RequirePermission('agency.manage')
  async list(@Query() query: MailListQuery, @Res() res: Response) {
    const lang = requestLang(res);
    const page = query.page ?? 1;
    res.render('mail/admin', {
      title: translate(lang, 'mail.admin.title'),
      activeNav: 'mail',
      ...(await this.mail.page(lang, query.status, page)),
      statuses: MAIL_STATUSES.map((s) => ({ value: s, current: s === query.status })),
      status: query.status,
      page,
      nextPage: page + 1,
    });
  }

  @Post(':mailId/retry')
  @RequirePermission('agency.manage')
  async retry(@Param('mailId', ParseUUIDPipe) id: string, @Res() res: Response) {
    await this.mail.retry(id);
    res.redirect(303, '/admin/mail?status=queued');
  }
}
