import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
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
  @ApiOperationDoc({
    summary: 'My inbox',
    description:
      'Your notifications, newest first (at most 100): returned, submitted, reopened or decided items, assignments.',
    errors: { 400: true },
  })
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
  @ApiOperationDoc({
    summary: 'Unread notifications',
    description: 'The number of unread notifications: { unread: number }.',
    errors: {},
  })
  @SignedIn()
  @ApiOkResponse({ description: '{ unread: number }' })
  async count(@CurrentActor() actor: Actor) {
    return { unread: await this.notifications.unreadCount(actor.userId) };
  }

  @Post('read-all')
  @ApiOperationDoc({
    summary: 'Mark all as read',
    description: 'Marks every notification of yours as read: { marked: number }.',
    errors: {},
  })
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ description: '{ marked: number }' })
  async readAll(@CurrentActor() actor: Actor) {
    return { marked: await this.notifications.markAllRead(actor) };
  }

  @Post(':notificationId/read')
  @ApiOperationDoc({
    summary: 'Mark one as read',
    description: 'Marks one notification as read; an entry of another user answers 404.',
    errors: { 400: true, 404: true },
  })
  @SignedIn()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Marked as read; 404 for an entry of another user.' })
  async read(@CurrentActor() actor: Actor, @Param('notificationId', ParseUUIDPipe) id: string) {
    await this.notifications.markRead(actor, id);
  }
}
