import type { Provider } from '@nestjs/common';
import { EmailSender } from './email/email.sender.js';
import { ZnsSender } from './zns/zns.sender.js';
import { NotificationAudience } from './notification-audience.js';
import { NotificationDispatcher } from './notification-dispatcher.service.js';
import { NotificationPreferencesService } from './preferences/notification-preferences.js';
import { NotificationOutbox } from './notification-outbox.service.js';
import { NOTIFICATION_SENDERS, type NotificationSender } from './notification-sender.js';

/** Every channel's sender: a new channel (SMS) is its folder plus one entry here. */
const senders = [EmailSender, ZnsSender];

export const notificationProviders: Provider[] = [
  ...senders,
  { provide: NOTIFICATION_SENDERS, useFactory: (...all: NotificationSender[]) => all, inject: senders },
  NotificationOutbox,
  NotificationDispatcher,
  NotificationAudience,
  NotificationPreferencesService,
];
