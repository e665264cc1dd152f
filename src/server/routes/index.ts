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
import { registerUploadRoutes } from './register-uploads.js';
import { reportRoutes } from './reports.js';
import { scenarioRoutes } from './scenarios.js';
import { secondFactorRoutes } from './second-factor.js';
import { simulationRoutes } from './simulations.js';
import { supplierProfileRoutes } from './supplier-profiles.js';
import { trackingRoutes } from './tracking.js';
import { unionRoutes } from './union.js';

/**
 * The API's route table. A new resource (profiles, implementation, saved scenarios …) adds its module
 * here and its actions to policy.ts; the access-matrix test then covers it without further work.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  ...authRoutes,
  ...secondFactorRoutes,
  ...dashboardRoutes,
  ...unionRoutes,
  ...catalogRoutes,
  ...inventoryRoutes,
  ...ownershipRoutes,
  ...decisionRoutes,
  ...designationHistoryRoutes,
  ...registerRoutes,
  ...supplierProfileRoutes,
  ...trackingRoutes,
  ...registerUploadRoutes,
  ...assessmentRoutes,
  ...reportRoutes,
  ...simulationRoutes,
  ...scenarioRoutes,
  ...importRoutes,
  ...userRoutes,
  ...tokenRoutes,
  ...auditRoutes,
];

/** The OpenAPI tags in the order the docs page shows them, each with what it holds; every route's tag is one of these. */
export const API_TAGS: { name: string; description: string }[] = [
  { name: 'session', description: 'Sign in and out, who you are, your password and second factor' },
  { name: 'dashboard', description: 'Headline figures of your scope' },
  { name: 'union', description: 'The Union view: per member state implementation, concentration, exposure and changes between runs' },
  { name: 'catalog', description: 'The Toolbox: measures, risk areas, segments and functions, and their links' },
  { name: 'exports', description: 'The catalogue as OSCAL; stored runs as JSON or CSV' },
  { name: 'inventory', description: 'Operators, suppliers, products and assets in your scope' },
  { name: 'ownership', description: 'Who owns and controls a supplier (entities, holdings)' },
  { name: 'boms', description: "What a product is made of and where its components come from" },
  { name: 'designations', description: "A member state's decisions on suppliers, with their history" },
  { name: 'policies', description: 'National policies: versions, checks and differences, the secure5g default (not an EU rule)' },
  { name: 'profiles', description: 'Supplier risk profiles, their suggestions and supply facts' },
  { name: 'implementation', description: 'Status of the measures by scope, and the member state × measure matrix' },
  { name: 'screening', description: 'Investment-screening cases and their deadlines' },
  { name: 'funding', description: 'SA10 checks of funded projects' },
  { name: 'assessments', description: 'Stored runs: findings, metrics, risk scores, recommendations, differences' },
  { name: 'findings', description: 'Findings of the newest run you can see' },
  { name: 'reports', description: 'Stored runs as readable reports' },
  { name: 'simulations', description: 'What-if: restricting or losing a supplier, and what it costs' },
  { name: 'scenarios', description: 'Saved what-if scenarios' },
  { name: 'imports', description: 'File imports as jobs, and the import log' },
  { name: 'users', description: 'Accounts and their roles (administrators)' },
  { name: 'tokens', description: 'API tokens' },
  { name: 'audit', description: 'The hash-chained audit trail and its verification' },
];
