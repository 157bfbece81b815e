import type { AppConfig } from '../config/app-config.js';
import type { Request } from 'express';

/** The address the outside world uses for us: PUBLIC_URL behind a proxy, else the request's own. */
export function publicOrigin(request: Request, config: AppConfig): string {
  return config.channels.publicUrl ?? `${request.protocol}://${request.get('host')}`;
}
