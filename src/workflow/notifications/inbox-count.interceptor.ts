import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { RequestWithActor } from '../../access/access.decorators';
import { NotificationsService } from './notifications.service';

/** Pages show the number of unread inbox entries in the navigation (one count per page view). */
@Injectable()
export class InboxCountInterceptor implements NestInterceptor {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request & RequestWithActor>();
      if (req.actor && req.method === 'GET' && !req.path.startsWith('/api/')) {
        const res = context.switchToHttp().getResponse<Response>();
        res.locals.unreadCount = await this.notifications.unreadCount(req.actor.userId);
      }
    }
    return next.handle();
  }
}
