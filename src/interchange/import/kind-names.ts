/**
 * What `secure5g import` reads; `policies` are JSON documents, the others tables. A module of its own,
 * without imports, so the command line can name the kinds in its help without loading the importer.
 */
export const IMPORT_KINDS = ['operators', 'suppliers', 'products', 'assets', 'designations', 'certificates', 'policies'] as const;
