import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Someone a message is for: where to reach them, in which language, and what they turned off. */
export interface Recipient {
  userId: string;
  email: string;
  phone: string | null;
  locale: string;
  optOuts: string[];
}

const COLUMNS = `u.id AS "userId", u.email, u.phone, u.locale, u.notification_opt_outs AS "optOuts"`;

/**
 * Who hears of a moment: people, looked up in the writer's transaction. Disabled accounts hear
 * nothing. Cooperative teams are read from `cooperative_members` (the seller context's table) by
 * name only, so every context can address a cooperative without importing the seller library.
 */
@Injectable()
export class NotificationAudience {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  users(ids: Array<string | null | undefined>, manager: EntityManager = this.db.manager): Promise<Recipient[]> {
    const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (wanted.length === 0) return Promise.resolve([]);
    return manager.query(`SELECT ${COLUMNS} FROM users u WHERE u.id = ANY($1) AND u.disabled_at IS NULL ORDER BY u.created_at`, [wanted]);
  }

  /** The province's officials (the department reviewing cooperatives). */
  officials(manager: EntityManager = this.db.manager): Promise<Recipient[]> {
    return manager.query(`SELECT ${COLUMNS} FROM users u WHERE 'official' = ANY(u.roles) AND u.disabled_at IS NULL ORDER BY u.created_at`);
  }

  /** A cooperative's admins, or (`everyone`) its admins and members: those who fulfil its orders. */
  cooperative(cooperativeId: string, who: 'admins' | 'everyone', manager: EntityManager = this.db.manager): Promise<Recipient[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM cooperative_members m JOIN users u ON u.id = m.user_id
        WHERE m.cooperative_id = $1 AND u.disabled_at IS NULL AND ($2 OR m.role = 'coop_admin') ORDER BY m.created_at`,
      [cooperativeId, who === 'everyone'],
    );
  }
}
