import {
  DEVICE_PREFIX, PROP_ALTERNATIVE_SOURCE, PROP_COUNTRY, PROP_SOURCES, UNKNOWN_COUNTRY,
  type BomComponent, type BomOrganization, type OriginBasis,
} from './types.js';

/*
 * Maps validated CycloneDX JSON (1.4–1.6) by hand: the library has no parser. Input is schema-valid, so
 * shapes are known; fields a version lacks are simply absent (component `manufacturer` and addresses
 * exist from 1.6 on).
 */

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** A two-letter code, upper-cased; anything else (a country name, say) is reported and left out. */
export function isoCountry(raw: unknown, path: string, warnings: string[]): string | undefined {
  const s = str(raw);
  if (s === undefined) return undefined;
  if (/^[A-Za-z]{2}$/.test(s)) return s.toUpperCase();
  warnings.push(`${path}: country ${JSON.stringify(s)} is not an ISO 3166-1 alpha-2 code; treated as unknown`);
  return undefined;
}

export function organization(v: unknown, path: string, warnings: string[]): BomOrganization | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Json;
  const address = (o.address ?? undefined) as Json | undefined;
  const name = str(o.name);
  const country = address ? isoCountry(address.country, `${path}/address/country`, warnings) : undefined;
  if (name === undefined && country === undefined) return undefined;
  return { ...(name !== undefined ? { name } : {}), ...(country !== undefined ? { country } : {}) };
}

function mapOne(c: Json, path: string, parent: string | undefined, warnings: string[]): BomComponent {
  const properties = (Array.isArray(c.properties) ? c.properties : []).map((p: Json) => ({
    name: String(p.name),
    ...(typeof p.value === 'string' ? { value: p.value } : {}),
  }));
  const prop = (n: string) => properties.find((p) => p.name === n)?.value;
  const device: Record<string, string> = {};
  for (const p of properties) if (p.name.startsWith(DEVICE_PREFIX) && p.value !== undefined) device[p.name.slice(DEVICE_PREFIX.length)] ??= p.value;

  let quantity = 1;
  if (device.quantity !== undefined) {
    const q = Number(device.quantity);
    if (Number.isFinite(q) && q > 0) quantity = q;
    else warnings.push(`${path}: cdx:device:quantity ${JSON.stringify(device.quantity)} is not a positive number; counted as 1`);
  }

  const supplier = organization(c.supplier, `${path}/supplier`, warnings);
  const manufacturer = organization(c.manufacturer, `${path}/manufacturer`, warnings);
  const propIndex = properties.findIndex((p) => p.name === PROP_COUNTRY);
  const made = propIndex >= 0 ? isoCountry(properties[propIndex].value, `${path}/properties/${propIndex}/value`, warnings) : undefined;
  // An organisation's address is its seat, not necessarily its factory: the explicit property wins. A
  // supplier's address stands in only when no manufacturer is named (1.4/1.5 HBOMs name makers as suppliers).
  const [country, basis]: [string | undefined, OriginBasis] =
    made !== undefined ? [made, 'property']
    : manufacturer?.country !== undefined ? [manufacturer.country, 'manufacturer']
    : manufacturer?.name === undefined && supplier?.country !== undefined ? [supplier.country, 'supplier']
    : [undefined, 'none'];

  const named = new Set<string>();
  const main = manufacturer?.name ?? supplier?.name;
  if (main !== undefined) named.add(main);
  for (const p of properties) if (p.name === PROP_ALTERNATIVE_SOURCE && p.value?.trim()) named.add(p.value.trim());
  let declared: number | undefined;
  const rawSources = prop(PROP_SOURCES);
  if (rawSources !== undefined) {
    const n = Number(rawSources);
    if (Number.isInteger(n) && n >= 1) declared = n;
    else warnings.push(`${path}: ${PROP_SOURCES} ${JSON.stringify(rawSources)} is not a whole number of 1 or more; ignored`);
  }

  const bomRef = str(c['bom-ref']);
  const version = str(c.version);
  const group = str(c.group);
  const purl = str(c.purl);
  return {
    path,
    ...(bomRef !== undefined ? { bomRef } : {}),
    name: String(c.name),
    ...(version !== undefined ? { version } : {}),
    ...(group !== undefined ? { group } : {}),
    type: String(c.type),
    ...(purl !== undefined ? { purl } : {}),
    ...(supplier ? { supplier } : {}),
    ...(manufacturer ? { manufacturer } : {}),
    properties,
    device,
    quantity,
    origin: { country: country ?? UNKNOWN_COUNTRY, basis },
    sources: { named: [...named].sort(), ...(declared !== undefined ? { declared } : {}) },
    ...(parent !== undefined ? { parent } : {}),
  };
}

/** Depth first, parents before their children; nested components are components like any other. */
export function mapComponents(list: unknown, basePath: string, warnings: string[], parent?: string): BomComponent[] {
  if (!Array.isArray(list)) return [];
  const out: BomComponent[] = [];
  list.forEach((c: Json, i) => {
    const path = `${basePath}/${i}`;
    const mapped = mapOne(c, path, parent, warnings);
    out.push(mapped);
    out.push(...mapComponents(c.components, `${path}/components`, warnings, mapped.bomRef ?? path));
  });
  return out;
}
