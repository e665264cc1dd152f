/**
 * Deterministic fictional demo data at two scales (small: 4 member states, about 60,000 assets; eu: 27
 * member states, about 5 million). See docs/demo.md.
 */
export { generateDemo, type DemoData, type DemoOptions } from './generate.js';
export { writeDemoCsv, writeCsv, csvField, CSV_COLUMNS, DEMO_FILES } from './csv.js';
export { seedDemo, DEMO_IMPORT_ORDER, type DemoImporter, type DemoImportKind } from './seed.js';
export type { DemoScale } from './scale.js';
export type { AssetRow, DesignationRow, OperatorRow, ProductRow, SupplierRow } from './rows.js';
export { designedContradictions, generateDemoRegisters, type DemoRegisters, type OpenFindings, type ProfileTarget } from './registers.js';
export { generateDemoOwnership, demoSupplyFacts, type DemoOwnership } from './ownership.js';
export { demoScenarios } from './scenarios.js';
export * from './evidence.js';
