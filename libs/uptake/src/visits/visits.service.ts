import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Visits of one address counted per Vietnam day; beyond this the rest of its calls that day are
 * ignored. A storefront counts one visit per browser session, so even a household or a small office
 * behind one address stays well under it; a mobile carrier's shared address (CGNAT) may not, and
 * then visits are undercounted rather than inflated.
 */
export const VISITS_PER_ADDRESS_PER_DAY = 50;

/**
 * Storefront visits as one counter per Vietnam day, for the Ministry's report. Nothing that
 * identifies a visitor is stored: abuse is capped per SHA-256(daily salt + address), the salt and
 * those hashes live only for their day (deleted once a later day begins), and the address itself
 * never leaves this process. Everything is in PostgreSQL, so every API replica applies one cap.
 */
@Injectable()
export class VisitsService {
  /** Today's salt, once read: every replica reads the same row. */
  private salt: { day: string; value: Buffer } | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async count(address: string): Promise<void> {
    const { day, value } = await this.saltOfToday();
    const visitor = createHash('sha256').update(value).update(address).digest();
    await this.db.query(
      `WITH seen AS (
         INSERT INTO storefront_visitor_days (day, visitor, visits) VALUES ($1::date, $2, 1)
         ON CONFLICT (day, visitor) DO UPDATE SET visits = storefront_visitor_days.visits + 1
         RETURNING visits)
       INSERT INTO storefront_visit_days (day, visits) SELECT $1::date, 1 FROM seen WHERE seen.visits <= $3
       ON CONFLICT (day) DO UPDATE SET visits = storefront_visit_days.visits + 1`,
      [day, visitor, VISITS_PER_ADDRESS_PER_DAY],
    );
  }

  /** The day's salt, made by whichever replica needs it first; the first read of a new day also forgets the days before. */
  private async saltOfToday(): Promise<{ day: string; value: Buffer }> {
    const [{ day }] = await this.db.query<Array<{ day: string }>>(`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS day`);
    if (this.salt?.day === day) return this.salt;
    const [row] = await this.db.query<Array<{ salt: Buffer }>>(
      `INSERT INTO storefront_visit_salts (day, salt) VALUES ($1::date, $2) ON CONFLICT (day) DO UPDATE SET salt = storefront_visit_salts.salt RETURNING salt`,
      [day, randomBytes(32)],
    );
    await this.db.query(`DELETE FROM storefront_visitor_days WHERE day < $1::date`, [day]);
    await this.db.query(`DELETE FROM storefront_visit_salts WHERE day < $1::date`, [day]);
    this.salt = { day, value: row.salt };
    return this.salt;
  }
}
