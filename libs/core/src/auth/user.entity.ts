import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import type { Role } from './role.js';

@Entity('users')
@Index('users_email_key', { synchronize: false })
export class User extends BaseEntity {
  /** Stored as typed; unique case-insensitively (index on lower(email)). */
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** E.164, e.g. +84905123456. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'text' })
  locale: string;

  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}
