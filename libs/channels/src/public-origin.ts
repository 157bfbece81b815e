import type { AppConfig } from '@nongsan/core';
import type { Request } from 'express';

/** The address the outside world uses for us: PUBLIC_URL behind a proxy, else the request's own. */
export function publicOrigin(request: Request, config: AppConfig): string {
  return config.channels.publicUrl ?? `${request.protocol}://${request.get('host')}`;
}
