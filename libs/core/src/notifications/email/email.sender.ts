import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import type { Notification } from '../notification.entity.js';
import { DeliveryError, type NotificationSender } from '../notification-sender.js';
import { renderEmail } from '../templates/render-email.js';
import { publicUrlOf } from '../public-url.js';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/**
 * E-mail through SMTP_URL (the embedded default: the local mail catcher). The Message-ID is the
 * outbox row's id: if a worker dies after the server's 250 but before the row is marked sent, the
 * retry carries the same Message-ID and the receiving side can collapse the duplicate.
 */
@Injectable()
export class EmailSender implements NotificationSender, OnModuleDestroy {
  readonly channel = 'email' as const;
  readonly enabled = true;
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly config: AppConfig) {
    this.transport = nodemailer.createTransport(config.notifications.smtpUrl, {
      from: config.notifications.emailFrom,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
    this.domain = new URL(publicUrlOf(config)).hostname;
  }

  async send(message: Notification): Promise<void> {
    const email = renderEmail(message.template, message.locale, message.data, publicUrlOf(this.config));
    try {
      await this.transport.sendMail({
        to: message.recipient,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${message.id}@${this.domain}>`,
        headers: { 'X-Nongsan-Template': message.template },
      });
    } catch (error) {
      const smtp = error as SmtpError;
      // 5xx: the server refuses this message for good (no such mailbox…), as does an address nodemailer
      // cannot use at all (EENVELOPE); anything else (refused connection, timeout, 4xx) may pass later.
      const permanent = (typeof smtp.responseCode === 'number' && smtp.responseCode >= 500) || smtp.code === 'EENVELOPE';
      throw new DeliveryError(`SMTP ${smtp.responseCode ?? smtp.code ?? 'error'}: ${smtp.message}`.slice(0, 500), permanent);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
