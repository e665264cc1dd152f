import { userInfo } from 'node:os';
import type { Actor } from '../store/audit/index.js';

/**
 * Who a command-line write is recorded as: the operating-system user that ran it (`os:root`), since the
 * command line has no sign-in of its own and whoever can run it can open the database.
 */
export function cliActor(): Actor {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (a container running as an arbitrary uid)
    name = `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return { name: `os:${name}` };
}
