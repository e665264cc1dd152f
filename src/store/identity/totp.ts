import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';
import { UserError } from '../../domain/index.js';
import type { KeyStore } from '../keys/index.js';

/*
 * TOTP as RFC 6238 and every authenticator app has it: HMAC-SHA-1, 6 digits, 30-second steps, a
 * 160-bit secret (RFC 4226 §4 recommends 160 bits). The secret is kept in the database sealed with
 * AES-256-GCM under a key of the key store (`second-factor`, in `<db>.keys`, not in the database): a copy
 * of the database alone — a backup, a stolen file — gives no one the codes. The user id is the
 * authenticated data of each seal, so a sealed secret moved to another user's row does not open.
 */

export const SECOND_FACTOR_KEY = 'second-factor';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** steps either side of now that are accepted: a clock 30 s off, or a code typed as it changes */
export const TOTP_WINDOW = 1;
const ISSUER = 'secure5g';
const SEAL_VERSION = 'v1';

/** A fresh ArrayBuffer of the bytes: a small Buffer's own .buffer is a shared pool, never to be handed on. */
const ownBuffer = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer;

export function newTotpSecret(): Secret {
  return new Secret({ buffer: ownBuffer(randomBytes(20)) });
}

/** The otpauth:// URI an authenticator app reads (as a QR code or pasted), naming secure5g and the account. */
export function otpauthUri(secret: Secret, account: string): string {
  return new TOTP({ issuer: ISSUER, label: account, secret, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }).toString();
}

const aad = (userId: string) => Buffer.from(`secure5g second factor ${userId}`);

/** `v1.<iv>.<tag>.<ciphertext>` in base64url: AES-256-GCM, a fresh 96-bit IV per seal. */
export function sealSecret(keys: KeyStore, userId: string, secret: Secret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.ensure(SECOND_FACTOR_KEY), iv);
  cipher.setAAD(aad(userId));
  const body = Buffer.concat([cipher.update(Buffer.from(secret.bytes)), cipher.final()]);
  return [SEAL_VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function openSecret(keys: KeyStore, userId: string, sealed: string): Secret {
  const key = keys.get(SECOND_FACTOR_KEY);
  if (!key) throw new UserError(`the second-factor key is not in ${keys.path}: restore the key file kept with the database's backup`);
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || !tag || !body) throw new UserError('a stored second factor is not in a known form');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return new Secret({ buffer: ownBuffer(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])) });
  } catch {
    throw new UserError(`a stored second factor does not open with the key in ${keys.path} (another instance's key file?)`);
  }
}

export const stepAt = (now: number) => Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);

/** A code as typed: spaces removed ("123 456"); undefined when it is not six digits. */
export function totpCodeOf(input: string): string | undefined {
  const code = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}

/**
 * The time step whose code this is, among now ± TOTP_WINDOW and later than `after` (the last step
 * accepted: a code, once taken, and any older one, are refused — RFC 6238 §5.2); undefined if none.
 */
export function matchTotp(secret: Secret, code: string, now: number, after: number | null): number | undefined {
  const given = Buffer.from(code);
  const current = stepAt(now);
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (after !== null && step <= after) continue;
    const expected = Buffer.from(HOTP.generate({ secret, counter: step, algorithm: 'SHA1', digits: TOTP_DIGITS }));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return step;
  }
  return undefined;
}
