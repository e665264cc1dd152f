/*
 * Failed sign-ins are counted twice: per account (the normalised user name, whatever address tries it)
 * and per client address (whatever names it tries). Either count at its limit refuses the next attempt
 * before the password is checked, so neither a spread of addresses against one account nor a spread of
 * names from one address gets more guesses. Successful sign-ins are not counted: a shared office address
 * signing in many users is not an attack. Fixed windows per key, kept in memory (one process).
 */

export interface SignInLimits {
  /** failed attempts an account may take per window, from any address */
  perAccount: number;
  /** failed attempts one client address may make per window, for any names */
  perAddress: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 20, windowMs: 60_000 };

interface Window {
  count: number;
  endsAt: number;
  /** a refusal in this window was reported already (one audit entry per lockout, not per refused try) */
  reported?: boolean;
}

export class SignInLimit {
  private readonly windows = new Map<string, Window>();

  constructor(readonly limits: SignInLimits = SIGN_IN_LIMITS) {}

  /**
   * Seconds until an attempt for this account from this address may be made (0: now), and whether this
   * is the first refusal of a lockout (to be recorded once, not on every refused try).
   */
  retryAfter(account: string, address: string, now = Date.now()): { wait: number; firstRefusal: boolean } {
    let wait = 0;
    let firstRefusal = false;
    for (const [key, max] of this.keys(account, address)) {
      const w = this.live(key, now);
      if (w && w.count >= max) {
        wait = Math.max(wait, Math.ceil((w.endsAt - now) / 1000));
        if (!w.reported) firstRefusal = w.reported = true;
      }
    }
    return { wait, firstRefusal };
  }

  /** Counts one failed attempt against the account and the address. */
  failed(account: string, address: string, now = Date.now()): void {
    for (const [key] of this.keys(account, address)) {
      const w = this.live(key, now);
      if (w) w.count++;
      else this.windows.set(key, { count: 1, endsAt: now + this.limits.windowMs });
    }
    if (this.windows.size > 100_000) this.sweep(now);
  }

  private keys(account: string, address: string): [string, number][] {
    return [
      [`account:${account}`, this.limits.perAccount],
      [`address:${address}`, this.limits.perAddress],
    ];
  }

  private live(key: string, now: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.endsAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** Ended windows go, so that a flood of names cannot grow the map without bound. */
  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
  }
}
