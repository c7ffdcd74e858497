import { describe, expect, it } from 'vitest';
import { checkoutSessionExpiry } from './session-expiry';

const t0 = 1_800_000_000_000;
const s = (ms: number) => Math.ceil(ms / 1000);

describe('checkoutSessionExpiry', () => {
  it('keeps an expiry inside Stripe\'s window', () => {
    expect(checkoutSessionExpiry(s(t0) + 2 * 3600, t0, t0)).toBe(s(t0) + 2 * 3600);
  });

  it('raises an expiry under 30 minutes to 31 minutes after the first scheduling', () => {
    expect(checkoutSessionExpiry(s(t0) + 15 * 60, t0, t0)).toBe(s(t0) + 31 * 60);
  });

  it('sends the same value on every retry of one activity', () => {
    const first = checkoutSessionExpiry(s(t0) + 15 * 60, t0, t0 + 500);
    const retry = checkoutSessionExpiry(s(t0) + 15 * 60, t0, t0 + 20_000);
    expect(retry).toBe(first);
  });

  it('measures from now when the first scheduling is too long ago to satisfy Stripe', () => {
    const late = t0 + 10 * 60_000;
    expect(checkoutSessionExpiry(s(t0) + 15 * 60, t0, late)).toBe(s(late) + 31 * 60);
  });

  it('caps an expiry beyond 24 hours', () => {
    expect(checkoutSessionExpiry(s(t0) + 48 * 3600, t0, t0)).toBe(s(t0) + 24 * 3600 - 60);
  });
});
