import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Level } from 'pino';
import type { AppConfig, LogLevel } from '#config/app-config.js';

const SAFE_ID = /^[\w.:-]{1,100}$/;
const PINO_LEVEL: Record<LogLevel, Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** A request's id: kept from `X-Request-Id` when sane, else new; echoed back and used as the commands' correlation id. */
export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  request.headers['x-request-id'] = id;
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * JSON lines in production, written in batches rather than one system call per line (stdout to a
 * pipe is synchronous); readable lines in development (pino-pretty, a development dependency).
 */
async function destination(config: AppConfig): Promise<DestinationStream> {
  if (config.logFormat === 'json') return pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const { default: pretty } = await import('pino-pretty');
  return pretty({ singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

/**
 * pino-http logs one line per request; every line written while a request runs, the engine's
 * included, carries its `requestId`.
 */
export async function loggerParams(config: AppConfig): Promise<Params> {
  return {
    pinoHttp: [
      {
        level: PINO_LEVEL[config.logLevel],
        genReqId: requestId,
        quietReqLogger: true,
        customAttributeKeys: { reqId: 'requestId' },
        serializers: {
          req: (request: { method: string; url: string }) => ({ method: request.method, path: request.url.split('?')[0] }),
          res: (response: { statusCode: number }) => ({ status: response.statusCode }),
        },
        customSuccessObject: (request, _response, line) => ({ ...line, actor: (request as { user?: { id?: string } }).user?.id }),
        customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
      },
      await destination(config),
    ],
  };
}
