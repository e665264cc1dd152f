import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random 32-byte secret as base64url text (43 characters). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Only this is stored: a copy of the database does not hand out working sessions or tokens. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
