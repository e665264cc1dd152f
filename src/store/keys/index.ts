import { randomBytes } from 'node:crypto';
import { chmodSync, constants, copyFileSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { UserError } from '../../domain/index.js';

/*
 * Secrets that must live outside the database, so that someone who can rewrite the database file cannot
 * also forge what they protect: the audit trail's HMAC key now, signing keys of bundles later. One small
 * JSON file, mode 0600, next to the database (`secure5g.db.keys`) unless SECURE5G_KEYS names another path.
 * Keep it out of the database's backups' reach of the same people, and back it up on its own.
 */

export const AUDIT_KEY = 'audit-hmac';

interface KeyFile {
  version: 1;
  keys: Record<string, { createdAt: string; secret: string }>;
}

export interface KeyStore {
  /** where the keys are kept (':memory:' for an in-memory database) */
  readonly path: string;
  /** the named 32-byte secret, or undefined when the file or the key does not exist */
  get(name: string): Buffer | undefined;
  /** the named secret, created (and the file with it) when absent; read-only stores cannot */
  ensure(name: string): Buffer;
}

/** Where a database's keys are kept: SECURE5G_KEYS, else the database file's name plus `.keys`. */
export function keyStorePath(dbFile: string, env: NodeJS.ProcessEnv = process.env): string {
  if (dbFile === ':memory:' || dbFile === '') return ':memory:';
  return env.SECURE5G_KEYS && env.SECURE5G_KEYS !== '' ? env.SECURE5G_KEYS : `${dbFile}.keys`;
}

/**
 * Copies a key file (0600, never over an existing one): a backup keeps its key beside it, and a restore
 * into a path without keys takes the backup's, so its audit trail still verifies.
 */
export function copyKeyFile(from: string, to: string): boolean {
  if (from === ':memory:' || !existsSync(from) || existsSync(to)) return false;
  copyFileSync(from, to, constants.COPYFILE_EXCL);
  chmodSync(to, 0o600);
  return true;
}

export function openKeyStore(path: string, opts: { writable: boolean }): KeyStore {
  let cache: KeyFile | undefined;
  const memory = path === ':memory:';
  const load = (): KeyFile => {
    if (cache) return cache;
    if (memory || !existsSync(path)) return { version: 1, keys: {} };
    const mode = statSync(path).mode & 0o077;
    if (mode !== 0) throw new UserError(`key file ${path} is readable by other users: chmod 600 ${path}`);
    try {
      cache = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    } catch (err) {
      throw new UserError(`key file ${path} cannot be read: ${(err as Error).message}`);
    }
    if (cache.version !== 1 || typeof cache.keys !== 'object') throw new UserError(`key file ${path} is not a secure5g key file`);
    return cache;
  };
  const decode = (file: KeyFile, name: string) => {
    const k = file.keys[name];
    return k ? Buffer.from(k.secret, 'base64') : undefined;
  };
  return {
    path,
    get: (name) => decode(load(), name),
    ensure(name) {
      const file = load();
      const found = decode(file, name);
      if (found) return found;
      if (!opts.writable) throw new UserError(`key ${name} is not in ${path}`);
      const next: KeyFile = { ...file, keys: { ...file.keys, [name]: { createdAt: new Date().toISOString(), secret: randomBytes(32).toString('base64') } } };
      if (!memory) {
        // written whole to a private temporary file, then renamed over: never a half-written or readable key file
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
        chmodSync(tmp, 0o600);
        renameSync(tmp, path);
      }
      cache = next;
      return decode(next, name)!;
    },
  };
}
