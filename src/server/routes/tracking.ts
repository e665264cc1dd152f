import type { ApiRoute } from '../route-table.js';

/** Implementation status writes, SA10 funding checks, screening-case writes and policy checks. */
export const trackingRoutes: ApiRoute[] = [];
