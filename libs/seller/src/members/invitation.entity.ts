import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MemberRole } from '../cooperatives/cooperative.entities.js';

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'replaced';

/** An offer to join a cooperative, sent to an e-mail address; the person behind it accepts or declines. */
@Entity('cooperative_invitations')
export class CooperativeInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  /** As the admin typed it; matched case-insensitively. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  role: MemberRole;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy: string | null;

  @Column({ type: 'text' })
  status: InvitationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
