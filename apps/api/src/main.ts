import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { loadConfig, loadDotEnv } from '#config/app-config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  // Lines logged while the app starts wait for pino, so every line has one format.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureApp(app, { corsOrigins: config.corsOrigins });
  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.log({ msg: 'Rewind is listening', url: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/docs` });
}

await bootstrap();
