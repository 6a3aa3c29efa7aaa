import type { NextFunction, Request, Response } from 'express';
import { JsonParseThread } from './json-parse-thread.js';

/** Bodies larger than this are parsed on the JSON thread; smaller ones by body-parser, inline. */
export const LARGE_JSON_BODY_BYTES = 64 * 1024;

const thread = new JsonParseThread();

/** An error shaped as body-parser's, so the error filter answers both alike (400, 413). */
class BodyError extends Error {
  readonly statusCode: number;
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.statusCode = status;
  }
}

/**
 * Takes over from body-parser's JSON parser for large bodies that it would read as they are
 * (declared length, UTF-8, no content encoding), so a 50,000-item save does not stall every other
 * request while its body is parsed. Anything else is left to body-parser, which runs next and
 * skips a request whose body was already read.
 */
export function largeJsonBody(limitBytes: number) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const length = Number(request.headers['content-length']);
    if (!(length > LARGE_JSON_BODY_BYTES) || !readAsIs(request)) return next();
    if (length > limitBytes) return next(new BodyError(413, 'entity.too.large', 'request entity too large'));
    readBody(request, length)
      .then(async (body) => {
        request.body = await parse(body);
        next();
      })
      .catch(next);
  };
}

function readAsIs(request: Request): boolean {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
  return request.is('application/json') === 'application/json' && encoding === 'identity' && (charset === undefined || charset.toLowerCase() === 'utf-8');
}

function readBody(request: Request, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (error?: Error) => {
      request.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('close', onAborted).off('error', done);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, received));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => done(received === length ? undefined : new BodyError(400, 'request.size.invalid', 'request size did not match content length'));
    const onAborted = () => done(new BodyError(400, 'request.aborted', 'request aborted'));
    request.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('close', onAborted).on('error', done);
  });
}

async function parse(body: Buffer): Promise<unknown> {
  try {
    return await thread.parse(body);
  } catch (error) {
    if (error instanceof SyntaxError) throw parseFailed(error);
  }
  // The thread is gone (the next body starts another): this one is parsed here.
  const text = new TextDecoder('utf-8').decode(body);
  if (!/^[\x20\x09\x0a\x0d]*[{[]/.test(text)) throw parseFailed(new SyntaxError('the body must be a JSON object or array'));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw parseFailed(error as Error);
  }
}

function parseFailed(cause: Error): BodyError {
  return Object.assign(new BodyError(400, 'entity.parse.failed', cause.message), { cause });
}
