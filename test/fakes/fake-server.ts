import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake of an external system served on a free local port. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** Serves `handle` on a free local port; a bug in the fake answers 500 with `crashBody(error)` instead of an unhandled rejection that kills Jest. */
export async function startFakeServer(handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>, crashBody: (error: unknown) => unknown): Promise<FakeServer> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(crashBody(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
