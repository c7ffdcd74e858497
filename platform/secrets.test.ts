import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secrets';

const key = () => randomBytes(32).toString('base64');

describe('secret box', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = createSecretBox(`k1:${key()}`, 'k1');
    const sealed = box.seal('private key material');
    expect(sealed).toMatch(/^k1:/);
    expect(sealed).not.toContain('private key material');
    expect(box.open(sealed)).toBe('private key material');
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('reads values sealed with a rotated-out key while it is still configured', () => {
    const k1 = key();
    const old = createSecretBox(`k1:${k1}`, 'k1').seal('old secret');
    const rotated = createSecretBox(`k1:${k1},k2:${key()}`, 'k2');
    expect(rotated.open(old)).toBe('old secret');
    expect(rotated.seal('new')).toMatch(/^k2:/);
    expect(() => createSecretBox(`k2:${key()}`, 'k2').open(old)).toThrow(/unknown key id/);
  });

  it('detects tampering', () => {
    const box = createSecretBox(`k1:${key()}`, 'k1');
    const sealed = box.seal('secret');
    const tampered = `${sealed.slice(0, -4)}AAAA`;
    expect(() => box.open(tampered)).toThrow();
  });
});
