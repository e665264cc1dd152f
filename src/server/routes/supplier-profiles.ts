import type { ApiRoute } from '../route-table.js';

/** Writing supplier profiles (append-only versions), their diff and suggestions, and supply-continuity facts. */
export const supplierProfileRoutes: ApiRoute[] = [];
