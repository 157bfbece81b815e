import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Every header, lower-cased names. */
  headers: Map<string, unknown>;
}

/**
 * A real SMTP server (the `smtp-server` package) for tests. A message counts as received only
 * once the server answered 250 to its DATA. `holdNextData()` keeps the next DATA unanswered, as a
 * slow server would, so a test can kill the sender while it waits; `stop()` and `start()` on the
 * same port play a mail server going down and coming back.
 */
export class SmtpFake {
  readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;
  private holding?: () => void;
  private port = 0;

  static async start(): Promise<SmtpFake> {
    const fake = new SmtpFake();
    await fake.start();
    return fake;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // stop() cuts open connections at once, as a mail server's host going away would.
      closeTimeout: 50,
      // A mailbox that does not exist, as a real server answers it: refused for good.
      onRcptTo: (address, _session, callback) =>
        callback(address.address.startsWith('no-such-mailbox@') ? Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }) : undefined),
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            if (this.holding) {
              const arrived = this.holding;
              this.holding = undefined;
              arrived();
              return; // never answered: the sender waits until it gives up or dies
            }
            this.received.push({
              messageId: mail.messageId ?? '',
              to: [mail.to ?? []]
                .flat()
                .map((a) => a.text)
                .join(', '),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              headers: mail.headers as Map<string, unknown>,
            });
            callback();
          })
          .catch(callback);
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Resolves when the next message's DATA has arrived; that DATA is never answered. */
  holdNextData(): Promise<void> {
    return new Promise((resolve) => (this.holding = resolve));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
