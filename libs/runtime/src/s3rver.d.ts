declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  import type { IncomingMessage } from 'node:http';
  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    vhostBuckets?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }
  /** The part of Koa's context the embedded store's authorization uses. */
  export interface KoaContext {
    req: IncomingMessage;
    status: number;
    type: string;
    body: unknown;
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Koa's middleware stack, composed when the server starts listening. */
    middleware: Array<(ctx: KoaContext, next: () => Promise<void>) => Promise<void>>;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 's3rver/lib/models/account.js' {
  export default class AWSAccount {
    constructor(accountId: string, displayName: string);
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }
}
