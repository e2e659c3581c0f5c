import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@dure/common';
import { ErrorBody, STATUS_OF_KIND, errorBody } from './http-errors';

interface FrameworkError {
  statusCode?: number;
  code?: string;
  name?: string;
  message?: string;
}

const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'REQUEST.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  406: 'REQUEST.NOT_ACCEPTABLE',
  413: 'REQUEST.BODY_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.TOO_MANY',
};

function isBadTextError(err: unknown): boolean {
  const code = (err as { driverError?: { code?: string } })?.driverError?.code;
  return code === '22021' || code === '22P05';
}

/** A client error some library raised with a status of its own. */
function fromFramework(err: FrameworkError): ErrorBody | undefined {
  const status = err.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  return errorBody(status, HTTP_CODES[status] ?? `REQUEST.HTTP_${status}`, err.message ?? 'Request refused');
}

/**
 * Every error leaves the API in one shape. Domain errors map by kind; anything the code
 * did not expect is a logged 500 carrying the request id, never a leak of internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    let body: ErrorBody;

    if (exception instanceof DomainError) {
      body = errorBody(STATUS_OF_KIND[exception.kind], exception.code, exception.message, exception.details);
      if (exception.retryAfterSec) void reply.header('retry-after', String(exception.retryAfterSec));
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      const code = status === 404 ? 'REQUEST.ROUTE_NOT_FOUND' : (HTTP_CODES[status] ?? `REQUEST.HTTP_${status}`);
      body = errorBody(status, code, Array.isArray(message) ? message.join('; ') : String(message));
      if (status >= 500) request.log.error({ err: exception }, 'request failed');
    } else if (isBadTextError(exception)) {
      // A value Postgres cannot store (e.g. an invalid byte sequence): the client's input.
      body = errorBody(400, 'REQUEST.INVALID_CHARACTER', 'The request contains characters that cannot be stored');
    } else {
      const framework = fromFramework(exception as FrameworkError);
      if (framework) {
        body = framework;
      } else {
        request.log.error({ err: exception }, 'unhandled error');
        body = errorBody(500, 'INTERNAL', `Something went wrong on our side; quote request id ${request.id}`);
      }
    }
    body.requestId = String(request.id);
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
