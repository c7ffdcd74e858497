// Stripe wants a Checkout Session's expires_at between 30 minutes and 24 hours after it is
// created. The bounds are measured from when the activity was first scheduled, so every
// retry of one activity sends the same parameters (Stripe refuses an idempotency key reused
// with different ones); only when that floor is already too close to now (a late retry) is
// it measured from now instead.

const MIN_LIFETIME_SECONDS = 30 * 60;
const MAX_LIFETIME_SECONDS = 24 * 3600;
/** Room for clock skew and the request's own latency. */
const MARGIN_SECONDS = 60;

export function checkoutSessionExpiry(requestedUnixSeconds: number, firstScheduledAtMs: number, nowMs: number): number {
  const base = Math.ceil(firstScheduledAtMs / 1000);
  const now = Math.ceil(nowMs / 1000);
  let expiresAt = Math.min(Math.max(Math.floor(requestedUnixSeconds), base + MIN_LIFETIME_SECONDS + MARGIN_SECONDS), base + MAX_LIFETIME_SECONDS - MARGIN_SECONDS);
  if (expiresAt < now + MIN_LIFETIME_SECONDS + MARGIN_SECONDS / 4) expiresAt = now + MIN_LIFETIME_SECONDS + MARGIN_SECONDS;
  return expiresAt;
}
