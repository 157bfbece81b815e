import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  ip: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Where the current request came from, for the audit log; undefined outside a request (jobs, CLI). */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

export const runInRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);
