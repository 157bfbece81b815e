import { AppException } from '@nongsan/core';

export enum CooperativeStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Approved = 'approved',
  Rejected = 'rejected',
  Suspended = 'suspended',
}

export type VerificationAction = 'submit' | 'approve' | 'reject' | 'suspend' | 'reinstate';

/**
 * The verification workflow: draft → submitted → approved | rejected; a rejected cooperative fixes
 * what the reason says and submits again; an approved one can be suspended and later reinstated.
 */
const TRANSITIONS: Record<VerificationAction, { from: CooperativeStatus[]; to: CooperativeStatus }> = {
  submit: { from: [CooperativeStatus.Draft, CooperativeStatus.Rejected], to: CooperativeStatus.Submitted },
  approve: { from: [CooperativeStatus.Submitted], to: CooperativeStatus.Approved },
  reject: { from: [CooperativeStatus.Submitted], to: CooperativeStatus.Rejected },
  suspend: { from: [CooperativeStatus.Approved], to: CooperativeStatus.Suspended },
  reinstate: { from: [CooperativeStatus.Suspended], to: CooperativeStatus.Approved },
};

/** The status after `action`, or 409 INVALID_STATUS_TRANSITION naming the current status. */
export function nextStatus(current: CooperativeStatus, action: VerificationAction): CooperativeStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) {
    throw AppException.wrongState(current);
  }
  return rule.to;
}

/** Papers can still be changed while nobody is reviewing or has approved them. */
export const isEditable = (status: CooperativeStatus) => status === CooperativeStatus.Draft || status === CooperativeStatus.Rejected;
