import type { Settings } from './settings.js';

type Resolved = Omit<Settings, 'databaseUrl' | 'jwtSecret' | 'credentialsKey' | 'seedDemo' | 's3' | 'notifications'> & {
  /** smtpUrl resolved (the embedded catcher's when unset); mailCatcherDir where that catcher keeps what it caught. */
  notifications: Settings['notifications'] & { smtpUrl: string; mailCatcherDir?: string };
  databaseUrl: string;
  jwtSecret: string;
  credentialsKey: string;
  seedDemo: boolean;
  s3: Settings['s3'] & { endpoint: string; secretAccessKey: string };
};

/**
 * The settings with every embedded default resolved (database URL, S3 endpoint, generated
 * secrets). Injected by class: `constructor(private readonly config: AppConfig)`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the class is the DI token, the interface its shape
export interface AppConfig extends Resolved {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class AppConfig {}
