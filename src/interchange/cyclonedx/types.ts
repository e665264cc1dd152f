/** What secure5g keeps of a CycloneDX BOM: the product, its components and where they come from. */

export const SUPPORTED_SPEC_VERSIONS = ['1.4', '1.5', '1.6'] as const;
export type SupportedSpecVersion = (typeof SUPPORTED_SPEC_VERSIONS)[number];

/** Country bucket for components whose country of manufacture is not known. */
export const UNKNOWN_COUNTRY = 'unknown';

/** Our own component properties (CycloneDX `properties`), documented in docs/ownership-and-profiles.md. */
export const PROP_COUNTRY = 'secure5g:country';
export const PROP_SOURCES = 'secure5g:sources';
export const PROP_ALTERNATIVE_SOURCE = 'secure5g:alternative-source';
export const DEVICE_PREFIX = 'cdx:device:';

export interface BomOrganization {
  name?: string;
  /** ISO 3166-1 alpha-2, upper case; absent when not given or not a two-letter code. */
  country?: string;
}

export type OriginBasis = 'property' | 'manufacturer' | 'supplier' | 'none';

export interface BomComponent {
  /** JSON pointer of the component in the BOM, e.g. /components/2/components/0 */
  path: string;
  bomRef?: string;
  name: string;
  version?: string;
  group?: string;
  type: string;
  purl?: string;
  supplier?: BomOrganization;
  manufacturer?: BomOrganization;
  properties: { name: string; value?: string }[];
  /** cdx:device:* properties, prefix removed (e.g. quantity, function). */
  device: Record<string, string>;
  /** cdx:device:quantity when a positive number, else 1. */
  quantity: number;
  /** Where the component is made, and which field said so. */
  origin: { country: string; basis: OriginBasis };
  /** Distinct named sources (manufacturer, else supplier, plus alternatives) and a declared count. */
  sources: { named: string[]; declared?: number };
  /** bomRef of the enclosing component, for nested components. */
  parent?: string;
}

export interface ParsedBom {
  file: string;
  specVersion: SupportedSpecVersion;
  serialNumber?: string;
  version?: number;
  /** metadata.component, with the metadata's manufacturer (1.6) or manufacture (1.4/1.5) and supplier. */
  product?: { name: string; version?: string; type: string; manufacturer?: BomOrganization; supplier?: BomOrganization };
  /** Every component, nested ones included, in document order (depth first). */
  components: BomComponent[];
  /** Things the mapping had to skip or could not read, each naming its JSON path. */
  warnings: string[];
}

export interface OriginShare {
  country: string;
  components: number;
  componentShare: number;
  quantity: number;
  quantityShare: number;
}

export interface SingleSourceComponent {
  path: string;
  bomRef?: string;
  name: string;
  type: string;
  /** The one known source, when named. */
  source?: string;
  basis: 'declared' | 'one-named-source';
}

export interface BomOrigins {
  productId?: string;
  components: number;
  quantity: number;
  /** Largest first by components, then by country code; `unknown` last. */
  byCountry: OriginShare[];
  /** Known countries of manufacture, sorted. */
  countries: string[];
  /** Components assessed for sources: device and firmware components, and any with secure5g:sources. */
  sourceAssessedComponents: number;
  singleSourceComponents: SingleSourceComponent[];
}
