import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, SignedIn } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { notificationText } from '../../mail/mail-templates';
import { NotificationsService } from './notifications.service';

@ApiExcludeController()
@Controller('inbox')
export class InboxPagesController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Get()
  @SignedIn()
  async inbox(@CurrentActor() actor: Actor, @Res() res: Response) {
    const lang = requestLang(res);
    const items = await this.notifications.list(actor, false);
    res.render('workflow/inbox', {
      title: translate(lang, 'workflow.inbox.title'),
      activeNav: 'inbox',
      items: items.map((n) => ({
        id: n.id,
        unread: n.readAt === null,
        createdAt: n.createdAt,
        message: notificationText(lang, n.kind, n.payload),
        reason: typeof n.payload.reason === 'string' ? n.payload.reason : null,
      })),
    });
  }

  /** Marks the entry read and opens what it points to. */
  @Post(':notificationId/read')
  @SignedIn()
  async open(
    @CurrentActor() actor: Actor,
    @Param('notificationId', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ) {
    const link = await this.notifications.markRead(actor, id);
    // Only links within this site are followed.
    res.redirect(303, link.startsWith('/') && !link.startsWith('//') ? link : '/inbox');
  }

  @Post('read-all')
  @SignedIn()
  async readAll(@CurrentActor() actor: Actor, @Res() res: Response) {
    await this.notifications.markAllRead(actor);
    res.redirect(303, '/inbox');
  }
}
