import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { AppModule } from './app.module';
import { SESSION_COOKIE_SETTING, sessionCookieName, sessionCookieOf } from './identity/auth/auth.guard';
import { SeedService } from './identity/seed.service';
import type { AppConfig } from './platform/config';
import type { DestinationStream } from 'pino';
import { Database } from './platform/database/database';
import { badInputGuard, bodyParserErrors } from './platform/http/bad-input';
import { csrfProtection } from './platform/http/csrf';
import { ErrorFilter, middlewareErrors } from './platform/http/error-filter';
import { securityHeaders } from './platform/http/security-headers';
import { createValidationPipe } from './platform/http/validation';
import { createRootLogger, nestLogger, requestLogging } from './platform/logging/logging';

export interface CreatedApp {
  app: INestApplication;
  database: Database;
}

/** Builds the whole server (used by `main.ts` and by the integration tests), with the database migrated. */
export async function createApp(
  config: AppConfig,
  /** `logDestination`: where the JSON logs go instead of stdout (the logging tests capture them). */
  options: { database?: Database; logDestination?: DestinationStream } = {},
): Promise<CreatedApp> {
  const database = options.database ?? (await Database.open(config));
  const logger = createRootLogger(config.logLevel, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forDatabase(database, config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(nestLogger(logger));
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // First, so every response (a CSRF refusal, a body parser's 400 included) has its log line.
  app.use(requestLogging(logger, { logRequests: config.logRequests }));
  app.set(SESSION_COOKIE_SETTING, sessionCookieName(config.secureCookies));
  app.use(securityHeaders({ hsts: config.secureCookies }));
  app.use(cookieParser());
  app.use(csrfProtection({ sessionCookie: sessionCookieOf, alwaysChecked: ['/api/auth/login'] }));
  app.use('/api', express.json({ limit: '2mb' }));
  // Malformed or oversized JSON, then NUL, lone surrogates and nesting beyond MAX_JSON_DEPTH: 400s.
  app.use('/api', bodyParserErrors);
  app.use('/api', badInputGuard);
  app.use('/api', middlewareErrors);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Aimsflow API')
      .setDescription('Workflow engine and form builder for an ISO/IEC 42001 programme')
      .setVersion('0.1.0')
      .addCookieAuth(sessionCookieName(config.secureCookies))
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/openapi.json' });

  serveWebApp(app, config.webDist);

  const seed = app.get(SeedService);
  if (config.seedDemo) await seed.seedDemo();
  if (config.admin) await seed.ensureAdmin(config.admin.email, config.admin.password);
  return { app, database };
}

/** The built React app, with every non-API GET falling back to index.html for client-side routes. */
function serveWebApp(app: NestExpressApplication, webDist: string): void {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) return;
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.sendFile(index);
  });
}
