import type { ApiRoute } from '../route-table.js';
import { assessmentRoutes } from './assessments.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { catalogRoutes } from './catalog.js';
import { dashboardRoutes } from './dashboard.js';
import { decisionRoutes } from './decisions.js';
import { designationHistoryRoutes } from './designation-history.js';
import { userRoutes, tokenRoutes } from './identity.js';
import { importRoutes } from './imports.js';
import { inventoryRoutes } from './inventory.js';
import { ownershipRoutes } from './ownership.js';
import { registerRoutes } from './registers.js';
import { reportRoutes } from './reports.js';
import { scenarioRoutes } from './scenarios.js';
import { simulationRoutes } from './simulations.js';
import { supplierProfileRoutes } from './supplier-profiles.js';
import { trackingRoutes } from './tracking.js';

/**
 * The API's route table. A new resource (profiles, implementation, saved scenarios …) adds its module
 * here and its actions to policy.ts; the access-matrix test then covers it without further work.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  ...authRoutes,
  ...dashboardRoutes,
  ...catalogRoutes,
  ...inventoryRoutes,
  ...ownershipRoutes,
  ...decisionRoutes,
  ...designationHistoryRoutes,
  ...registerRoutes,
  ...supplierProfileRoutes,
  ...trackingRoutes,
  ...assessmentRoutes,
  ...reportRoutes,
  ...simulationRoutes,
  ...scenarioRoutes,
  ...importRoutes,
  ...userRoutes,
  ...tokenRoutes,
  ...auditRoutes,
];
