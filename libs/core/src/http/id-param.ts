import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppException } from '../errors/app.exception.js';

/** A UUID path parameter; anything else cannot name an existing record, so it answers 404 like a missing one. */
export const IdParam = (name = 'id', entity = 'resource') => Param(name, new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound(entity) }));
