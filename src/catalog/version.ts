/**
 * Version of the catalogue data. Bump it whenever any catalogue entry changes meaning, so that stored
 * assessments can say which catalogue they were judged against.
 */
export const CATALOG_VERSION = '2026.11.0';
