import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Response } from 'express';
import { Lang } from './i18n';
import { requestLang } from './language.middleware';

/** The request's language (`?lang=`, its cookie, else Indonesian), for messages a person reads. */
export const RequestLang = createParamDecorator((_data: unknown, ctx: ExecutionContext): Lang =>
  requestLang(ctx.switchToHttp().getResponse<Response>()),
);
