import type { ApiRoute } from '../route-table.js';

/** Ownership and control of suppliers, BOMs and where a product's components come from. */
export const ownershipRoutes: ApiRoute[] = [];
