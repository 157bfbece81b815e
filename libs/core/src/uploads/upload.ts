import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor, mixin, type Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { AppException, coreError } from '../errors/app.exception.js';

export interface UploadedFile {
  originalName: string;
  buffer: Buffer;
  size: number;
}

export type UploadRequest = Request & { file?: Express.Multer.File };

/**
 * Reads one multipart file field into memory, at most `maxBytes`: a bigger file is cut off
 * mid-stream with 413 and nothing is kept. Other form fields land in the body for the DTO.
 */
export function FileUploadInterceptor(field: string, maxBytes: number): Type<NestInterceptor> {
  @Injectable()
  class Interceptor implements NestInterceptor {
    private readonly parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } }).single(field);

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      await new Promise<void>((resolve, reject) =>
        this.parse(http.getRequest<Request>(), http.getResponse<Response>(), (error: unknown) =>
          error ? reject(toUploadError(error, field, maxBytes)) : resolve(),
        ),
      );
      return next.handle();
    }
  }
  return mixin(Interceptor);
}

function toUploadError(error: unknown, field: string, maxBytes: number): unknown {
  // The parser reads nothing but the client's bytes: a body that is not the multipart it claims
  // (no boundary, cut short, a broken part header) is the client's mistake, not a 500.
  if (!(error instanceof multer.MulterError)) return coreError('BAD_REQUEST', { details: [{ field, key: 'validation.multipartMalformed' }] });
  if (error.code === 'LIMIT_FILE_SIZE') {
    const limit = `${Math.round(maxBytes / 1024 / 1024)} MB`;
    return coreError('FILE_TOO_LARGE', { params: { limit }, details: [{ field, key: 'errors.FILE_TOO_LARGE', params: { limit } }] });
  }
  return AppException.validation([{ field: error.field ?? field, key: 'validation.unexpectedFile', params: { expected: field } }]);
}

/** The uploaded file of `field`, or a 400 naming the field when none was sent. */
export function requireFile(request: UploadRequest, field = 'file'): UploadedFile {
  const file = request.file;
  if (!file || file.size === 0) throw AppException.validation([{ field, key: 'validation.required' }]);
  return { originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'), buffer: file.buffer, size: file.size };
}

/**
 * What the bytes are, whatever the file is called: a renamed .exe is not a PDF. Returns the
 * detected MIME type, or a 400 naming the field listing what is accepted.
 */
export async function detectFileType(file: UploadedFile, accepted: readonly string[], field = 'file'): Promise<{ mime: string; ext: string }> {
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || !accepted.includes(type.mime)) {
    const list = accepted.join(', ');
    throw coreError('UNSUPPORTED_FILE_TYPE', {
      params: { accepted: list },
      details: [{ field, key: 'errors.UNSUPPORTED_FILE_TYPE', params: { accepted: list } }],
    });
  }
  return { mime: type.mime, ext: type.ext };
}
