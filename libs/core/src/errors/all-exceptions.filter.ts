import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { renderError } from './error-renderer.js';

/** The one global filter: every failure leaves as `{error: {code, message, details}}`, never a stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    renderError(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
