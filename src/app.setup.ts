import { join } from 'node:path';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { Actor } from './access/actor';
import { Permission, hasPermission } from './access/roles';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { DatabaseEndpoint } from './database/database-endpoint';
import { csrfCookieMiddleware, peekMultipartCsrf } from './web/csrf';
import { chooseLanguage } from './i18n/language.middleware';
import { takePageNotice } from './web/page-notice';
import { InputHygienePipe, refuseHostileBodies } from './web/input-hygiene';
import { securityHeaders } from './web/security-headers';
import { AllExceptionsFilter } from './web/http-exception.filter';
import { validationRefusal } from './i18n/validation-refusal';
import { setUpViews } from './web/view-engine';

export const API_PREFIX = 'api/v1';

/** Builds the fully configured app; shared by `main.ts` and the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  endpoint: DatabaseEndpoint,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, endpoint }), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Forwarded headers are believed only from the proxies TRUST_PROXY names (none by default).
  app.set('trust proxy', config.auth.trustProxy);
  app.use(cookieParser());
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.currentPath = req.originalUrl;
    res.locals.appVersion = config.version;
    res.locals.databaseKey = `db.${config.databaseKind}`;
    next();
  });
  app.use(chooseLanguage);
  app.use(takePageNotice);
  app.use(securityHeaders());
  app.use(csrfCookieMiddleware(config.sessionSecret, config.auth.secureCookies));
  app.use(peekMultipartCsrf);
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.useBodyParser('json', { limit: '2mb' });
  app.use(refuseHostileBodies);
  app.useStaticAssets(join(__dirname, 'public'), { prefix: '/static/', maxAge: '1d', etag: true });
  setUpViews(app, (actor, permission) =>
    Boolean(actor && hasPermission((actor as Actor).role, permission as Permission)),
  );
  app.useGlobalPipes(
    new InputHygienePipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationRefusal,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  setUpOpenApi(app, config);
  await app.init();
  return app;
}

function setUpOpenApi(app: NestExpressApplication, config: AppConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SPBE Tracker API')
      .setDescription('Self-assessment and evidence for SPBE Indicators 7 and 18. Paths live under /api/v1.')
      .setVersion(config.version)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
