import { createHmac } from 'node:crypto';

/*
 * TOTP computed independently of the code under test (which uses the otpauth library): RFC 4226 §5.3
 * dynamic truncation over HMAC-SHA-1 from node:crypto, RFC 6238 time steps, RFC 4648 base32. Proven
 * on the RFC 6238 Appendix B vectors in second-factor.test.ts.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  let bits = '';
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((b) => parseInt(b, 2)));
}

export function hotp(key: Buffer, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code of the 30-second step holding `timeMs`, shifted by `steps`. */
export function totp(key: Buffer, timeMs: number, steps = 0, digits = 6): string {
  return hotp(key, Math.floor(timeMs / 1000 / 30) + steps, digits);
}

/** The base32 secret an otpauth:// URI carries. */
export function secretOfUri(uri: string): Buffer {
  return base32Decode(new URL(uri).searchParams.get('secret')!);
}
