import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_core.js';

/** Migrations in code (not read from a folder at run time), so they travel inside the build. Names sort in order. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
