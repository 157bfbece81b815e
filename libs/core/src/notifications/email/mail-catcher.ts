import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`, what SMTP_URL would be. */
  url: string;
  directory: string;
  close(): Promise<void>;
}

/**
 * The embedded default's mail server: accepts every message on a local port and keeps it as an
 * .eml file under `directory`, so a newcomer sees the mail the app sends (GET /admin/mail and the
 * department dashboard) without a mail server. Local only; production sets SMTP_URL.
 */
export async function startMailCatcher(options: { directory: string; port?: number }): Promise<MailCatcher> {
  await fs.mkdir(options.directory, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'Nongsan mail catcher',
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
        fs.writeFile(path.join(options.directory, name), Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, directory: options.directory, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface CaughtMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

const EML = /^[0-9TZ-]+-[0-9a-f-]{36}\.eml$/;

/** The newest caught messages first. */
export async function readCaughtMail(directory: string, limit: number): Promise<CaughtMail[]> {
  const names = (await fs.readdir(directory).catch(() => [] as string[]))
    .filter((n) => EML.test(n))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(
    names.map(async (name) => {
      const parsed = await simpleParser(await fs.readFile(path.join(directory, name)));
      const stat = await fs.stat(path.join(directory, name));
      return {
        id: name.replace(/\.eml$/, ''),
        receivedAt: stat.mtime.toISOString(),
        from: parsed.from?.text ?? '',
        to: [parsed.to ?? []]
          .flat()
          .map((a) => a.text)
          .join(', '),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : null,
      };
    }),
  );
}
