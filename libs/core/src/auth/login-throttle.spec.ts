import { loginDelaySeconds } from './login-throttle.service.js';

describe('loginDelaySeconds', () => {
  const limits = { maxFailuresPerAccount: 5, delayBaseSeconds: 30, windowMinutes: 15 };

  it('lets the allowance through without a wait, then doubles from the base up to the window', () => {
    expect([0, 1, 4].map((n) => loginDelaySeconds(n, limits))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => loginDelaySeconds(n, limits))).toEqual([30, 60, 120, 240, 480]);
    expect(loginDelaySeconds(10, limits)).toBe(900);
    expect(loginDelaySeconds(10_000, limits)).toBe(900);
  });
});
