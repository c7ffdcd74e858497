import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A verification code is derived from the send key (`<workflowId>:code:<n>`) with an HMAC,
 * so a retried send activity emails the same code and nothing has to be stored.
 */
export function deriveVerificationCode(secret: string, sendKey: string): string {
  const digest = createHmac('sha256', secret).update(sendKey).digest();
  return (digest.readUInt32BE(0) % 1_000_000).toString().padStart(6, '0');
}

export function verificationCodeMatches(secret: string, sendKey: string, candidate: string): boolean {
  const expected = Buffer.from(deriveVerificationCode(secret, sendKey));
  const given = Buffer.from(candidate.padEnd(expected.length).slice(0, expected.length));
  return timingSafeEqual(expected, given) && candidate.length === expected.length;
}
