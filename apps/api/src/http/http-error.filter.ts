import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDataException, isDatabaseUnavailable } from '#database/postgres-errors.js';
import { BundleTooLargeError } from '#bundles/bundle-errors.js';
import {
  EntityNotFoundError,
  ForbiddenActionError,
  IdempotencyKeyReusedError,
  EntityNotDeletedError,
  UniqueValueTakenError,
  PinNotFoundError,
  PreconditionFailedError,
  RevisionPrunedError,
  ValidationFailedError,
  VersionConflictError,
  VersionNotFoundError,
} from '#revisions/errors.js';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  [extra: string]: unknown;
}

/** The one place where typed errors become HTTP answers `{ statusCode, error, message }`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ msg: 'request failed', requestId: request.headers['x-request-id'], error: (exception as Error)?.stack ?? String(exception) });
    }
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const make = (status: HttpStatus, message: string | string[], extra: object = {}): ErrorBody => ({
      statusCode: status,
      error: httpReason(status),
      message,
      ...extra,
    });
    if (exception instanceof ValidationFailedError) return make(HttpStatus.BAD_REQUEST, exception.problems);
    if (exception instanceof BundleTooLargeError) return make(HttpStatus.PAYLOAD_TOO_LARGE, exception.message);
    if (exception instanceof EntityNotFoundError || exception instanceof VersionNotFoundError || exception instanceof PinNotFoundError) return make(HttpStatus.NOT_FOUND, exception.message);
    if (exception instanceof RevisionPrunedError) return make(HttpStatus.GONE, exception.message);
    if (exception instanceof ForbiddenActionError) return make(HttpStatus.FORBIDDEN, exception.message);
    if (exception instanceof VersionConflictError || exception instanceof EntityNotDeletedError || exception instanceof UniqueValueTakenError) return make(HttpStatus.CONFLICT, exception.message);
    if (exception instanceof IdempotencyKeyReusedError) return make(HttpStatus.UNPROCESSABLE_ENTITY, exception.message);
    if (exception instanceof PreconditionFailedError) {
      return make(HttpStatus.PRECONDITION_FAILED, exception.message, { conflicts: exception.conflicts, current: exception.current ?? null });
    }
    // Body-parser errors quote the body; the answer must not echo unsaved input.
    const bodyParserType = bodyParserErrorType(exception);
    if (bodyParserType === 'entity.parse.failed') return make(HttpStatus.BAD_REQUEST, 'the body is not valid JSON');
    if (bodyParserType === 'entity.too.large') return make(HttpStatus.PAYLOAD_TOO_LARGE, 'the body is too large');
    if (bodyParserType) return make(HttpStatus.BAD_REQUEST, 'the body could not be read');
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isDatabaseUnavailable(exception)) return make(HttpStatus.SERVICE_UNAVAILABLE, 'the database is unavailable; retry shortly');
    if (isDataException(exception)) return make(HttpStatus.BAD_REQUEST, 'a value of the request is out of range or malformed');
    return make(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
}

function bodyParserErrorType(exception: unknown): string | undefined {
  const error = exception as { type?: unknown; cause?: { type?: unknown } };
  const type = error?.type ?? error?.cause?.type;
  return typeof type === 'string' && type.startsWith('entity.') ? type : undefined;
}

function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'object' && response !== null && 'message' in response ? (response as { message: string | string[] }).message : exception.message;
  return { statusCode: status, error: httpReason(status), message };
}

function httpReason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
