import { AppException } from '@nongsan/core';
import { CooperativeStatus as S, nextStatus, type VerificationAction } from './cooperative-status.js';

describe('cooperative verification workflow', () => {
  it.each<[S, VerificationAction, S]>([
    [S.Draft, 'submit', S.Submitted],
    [S.Rejected, 'submit', S.Submitted],
    [S.Submitted, 'approve', S.Approved],
    [S.Submitted, 'reject', S.Rejected],
    [S.Approved, 'suspend', S.Suspended],
    [S.Suspended, 'reinstate', S.Approved],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each<[S, VerificationAction]>([
    [S.Draft, 'approve'],
    [S.Draft, 'reject'],
    [S.Submitted, 'submit'],
    [S.Approved, 'approve'],
    [S.Approved, 'submit'],
    [S.Rejected, 'approve'],
    [S.Suspended, 'submit'],
    [S.Draft, 'suspend'],
    [S.Approved, 'reinstate'],
  ])('refuses %s --%s--> with 409 naming the current status', (from, action) => {
    let error: AppException | undefined;
    try {
      nextStatus(from, action);
    } catch (e) {
      error = e as AppException;
    }
    expect(error).toBeInstanceOf(AppException);
    expect(error).toMatchObject({ status: 409, code: 'INVALID_STATUS_TRANSITION', params: { status: from } });
  });
});
