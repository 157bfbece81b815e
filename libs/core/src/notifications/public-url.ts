import type { AppConfig } from '../config/app-config.js';

/** Where links in messages point: PUBLIC_URL (required in production), else this machine's own address. */
export function publicUrlOf(config: AppConfig): string {
  return config.channels.publicUrl ?? `http://localhost:${config.port}`;
}
