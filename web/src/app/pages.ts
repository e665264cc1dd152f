import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/*
 * The interface's pages: one entry each, with the path, the navigation label (a message key), the
 * policy action a user needs to see it in the navigation (GET /auth/me lists the user's actions) and
 * the component, loaded when first opened (its own chunk). To add a page: write pages/XPage.tsx with a
 * default export, add it here, add its strings to both catalogues. docs/ui.md says more.
 */

/** the navigation's groups, in the order shown (labels: nav.sections.*) */
export const SECTIONS = ['overview', 'network', 'suppliers', 'measures', 'scenarios', 'registers', 'data', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

export interface PageEntry {
  path: string;
  /** the navigation group it is listed under */
  section: Section;
  /** i18n key of the navigation label */
  label: string;
  /** shown in the navigation to users who may take this action (src/server/policy.ts) */
  action: string;
  /** listed in the main navigation (false: reached by a link only) */
  nav: boolean;
  component: LazyExoticComponent<ComponentType>;
}

/** the account page: where the shell sends a user who must enrol a second factor first */
export const ACCOUNT_PATH = '/account';

export const PAGES: PageEntry[] = [
  { path: '/', section: 'overview', label: 'nav.dashboard', action: 'dashboard.read', nav: true, component: lazy(() => import('../pages/DashboardPage')) },
  { path: '/union', section: 'overview', label: 'union.nav', action: 'union.read', nav: true, component: lazy(() => import('../pages/UnionPage')) },
  { path: '/risk', section: 'network', label: 'nav.risk', action: 'assessments.read', nav: true, component: lazy(() => import('../pages/RiskPage')) },
  { path: '/assets', section: 'network', label: 'nav.assets', action: 'assets.read', nav: true, component: lazy(() => import('../pages/AssetsPage')) },
  { path: '/assets/:assetId', section: 'network', label: 'assetDetail.nav', action: 'assets.read', nav: false, component: lazy(() => import('../pages/AssetDetailPage')) },
  { path: '/imports', section: 'data', label: 'imports.nav', action: 'imports.read', nav: true, component: lazy(() => import('../pages/ImportsPage')) },
  { path: '/scenarios', section: 'scenarios', label: 'scenarios.nav', action: 'simulations.run', nav: true, component: lazy(() => import('../pages/ScenariosPage')) },
  { path: '/registers', section: 'registers', label: 'registers.nav', action: 'screening.read', nav: true, component: lazy(() => import('../pages/RegistersPage')) },
  { path: '/measures', section: 'measures', label: 'measures.nav', action: 'implementation.read', nav: true, component: lazy(() => import('../pages/MeasuresPage')) },
  { path: '/suppliers', section: 'suppliers', label: 'suppliers.nav', action: 'suppliers.read', nav: true, component: lazy(() => import('../pages/SuppliersPage')) },
  { path: '/suppliers/:supplierId', section: 'suppliers', label: 'suppliers.page.nav', action: 'suppliers.read', nav: false, component: lazy(() => import('../pages/SupplierPage')) },
  { path: '/designations', section: 'suppliers', label: 'designations.nav', action: 'designations.read', nav: true, component: lazy(() => import('../pages/DesignationsPage')) },
  { path: '/designations/:designationId', section: 'suppliers', label: 'designations.page.nav', action: 'designations.read', nav: false, component: lazy(() => import('../pages/DesignationPage')) },
  { path: '/policies', section: 'measures', label: 'policies.nav', action: 'policies.read', nav: true, component: lazy(() => import('../pages/PoliciesPage')) },
  // everyone's own account (second factor): reached from the user bar, never listed in the navigation
  { path: ACCOUNT_PATH, section: 'admin', label: 'account.nav', action: 'session.read', nav: false, component: lazy(() => import('../pages/AccountPage')) },
  { path: '/admin/users', section: 'admin', label: 'admin.users.nav', action: 'users.manage', nav: true, component: lazy(() => import('../pages/UsersPage')) },
  { path: '/admin/tokens', section: 'admin', label: 'admin.tokens.nav', action: 'tokens.manage', nav: true, component: lazy(() => import('../pages/TokensPage')) },
  { path: '/admin/audit', section: 'admin', label: 'admin.audit.nav', action: 'audit.read', nav: true, component: lazy(() => import('../pages/AuditPage')) },
];
