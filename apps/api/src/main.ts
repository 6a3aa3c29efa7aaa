import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, loadDotEnv, type LogLevel } from '#config/app-config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';
import { BufferedJsonLogger } from './logging/buffered-json-logger.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = new BufferedJsonLogger('rewind', LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bodyParser: false });
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.log({ msg: 'Rewind is listening', url: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/docs` });
}

await bootstrap();
