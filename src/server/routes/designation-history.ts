import type { ApiRoute } from '../route-table.js';

/** A designation's lifecycle: its revisions, their diff, and revocation. */
export const designationHistoryRoutes: ApiRoute[] = [];
