import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Encryption at rest for third-party tokens and custodial keys: AES-256-GCM, stored as
// `<keyId>:<base64(iv | tag | ciphertext)>`. New values use the active key; old values
// stay readable while their key id is still configured, so keys can rotate.

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** `keys` is `id:base64key,id2:base64key2` (32-byte keys); `activeKeyId` names the one that seals. */
export function createSecretBox(keys: string, activeKeyId: string): SecretBox {
  const keyring = new Map(
    keys.split(',').filter(Boolean).map((entry) => {
      const [id, material] = entry.split(':');
      const key = Buffer.from(material ?? '', 'base64');
      if (!id || key.length !== 32) throw new Error(`encryption key "${id ?? ''}" must be 32 bytes of base64`);
      return [id, key] as const;
    }),
  );
  const active = keyring.get(activeKeyId);
  if (!active) throw new Error(`the active encryption key id "${activeKeyId}" is not in the keyring`);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const separator = sealed.indexOf(':');
      const key = keyring.get(sealed.slice(0, separator));
      if (separator < 1 || !key) throw new Error('sealed value uses an unknown key id');
      const raw = Buffer.from(sealed.slice(separator + 1), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
