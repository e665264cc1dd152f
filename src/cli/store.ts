import { openStore, type Store } from '../store/index.js';
import { resolveDbPath } from './options.js';

/** Opens the database named by `--db` (or its defaults) for one command and always closes it. */
export async function withStore<T>(db: string | undefined, f: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDbPath(db));
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}
