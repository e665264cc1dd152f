import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../domain/errors.js';
import type { Store } from '../store/index.js';
import type { Io } from './io.js';
import { resolveDbPath } from './options.js';

/*
 * Which commands may create a database. A mistyped --db used to open a new, empty one, and then
 * `assess --fail-on high` passed with no findings. Only init, demo (with start and serve --seed-demo)
 * and the imports create one, and say so; every other command refuses a missing file (exit 2).
 * The store module (Kysely, the SQLite driver) is imported on first open, not at start-up.
 */

const openStore = async (file: string) => (await import('../store/index.js')).openStore(file);

/** The database file `--db` names, refused when there is none there. */
export function existingDatabase(db: string | undefined): string {
  const file = resolveDbPath(db);
  if (file === ':memory:') return file;
  if (!existsSync(file)) {
    const folder = dirname(file);
    const where = existsSync(folder) ? '' : ` (the folder ${folder} does not exist either)`;
    throw new UserError(`no database at ${file}${where}: check --db and $SECURE5G_DB, or create one with: secure5g init --db ${file}`);
  }
  if (statSync(file).isDirectory()) throw new UserError(`--db ${file} is a folder, not a database file`);
  return file;
}

/** Opens the database for a command that creates it when missing, saying so on stderr. */
export async function openOrCreateStore(db: string | undefined, io: Io): Promise<Store> {
  const file = resolveDbPath(db);
  if (file !== ':memory:' && existsSync(file) && statSync(file).isDirectory()) throw new UserError(`--db ${file} is a folder, not a database file`);
  const created = file !== ':memory:' && !existsSync(file);
  const store = await openStore(file);
  if (created) io.err(`created database ${file}\n`);
  return store;
}

/** Opens an existing database (existingDatabase) for one command. */
export const openExistingStore = (db: string | undefined): Promise<Store> => openStore(existingDatabase(db));

/**
 * Opens the database named by `--db` (or its defaults) for one command and always closes it. It must
 * exist, unless `createWith` is given (imports): then a missing one is created and stderr says so.
 */
export async function withStore<T>(db: string | undefined, f: (store: Store) => Promise<T>, options: { createWith?: Io } = {}): Promise<T> {
  const store = options.createWith ? await openOrCreateStore(db, options.createWith) : await openExistingStore(db);
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}
