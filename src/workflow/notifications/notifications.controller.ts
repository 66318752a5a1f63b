import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, SignedIn } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

export function notificationView(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    agencyId: n.agencyId,
    link: n.link,
    payload: n.payload,
    readAt: n.readAt,
    createdAt: n.createdAt,
  };
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Get()
  @SignedIn()
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({
    description:
      'Your inbox, newest first (at most 100): returned, submitted, reopened, answered, finalised, assigned, deadline.',
  })
  async list(@CurrentActor() actor: Actor, @Query('unread') unread?: string) {
    return (await this.notifications.list(actor, unread === 'true')).map(notificationView);
  }

  @Get('unread-count')
  @SignedIn()
  @ApiOkResponse({ description: '{ unread: number }' })
  async count(@CurrentActor() actor: Actor) {
    return { unread: await this.notifications.unreadCount(actor.userId) };
  }

  @Post('read-all')
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ description: '{ marked: number }' })
  async readAll(@CurrentActor() actor: Actor) {
    return { marked: await this.notifications.markAllRead(actor) };
  }

  @Post(':notificationId/read')
  @SignedIn()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Marked as read; 404 for an entry of another user.' })
  async read(@CurrentActor() actor: Actor, @Param('notificationId', ParseUUIDPipe) id: string) {
    await this.notifications.markRead(actor, id);
  }
}
