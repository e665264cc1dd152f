import { UNKNOWN_COUNTRY, type BomComponent, type BomOrigins, type SingleSourceComponent } from './types.js';

/** Component types whose sources are assessed without a declaration: hardware and the firmware bound to it. */
export const SOURCE_ASSESSED_TYPES: readonly string[] = ['device', 'firmware'];

/**
 * Single source, precisely: a component with `secure5g:sources` declared is single-sourced when the
 * declaration is 1; any other component of type device or firmware is single-sourced when exactly one
 * source is named (its manufacturer, else its supplier, plus any `secure5g:alternative-source`). A BOM
 * that records no alternatives therefore shows every named device as single-sourced.
 */
export function singleSource(c: BomComponent): SingleSourceComponent | undefined {
  const common = { path: c.path, ...(c.bomRef !== undefined ? { bomRef: c.bomRef } : {}), name: c.name, type: c.type };
  const source = c.sources.named.length === 1 ? { source: c.sources.named[0] } : {};
  if (c.sources.declared !== undefined) return c.sources.declared === 1 ? { ...common, ...source, basis: 'declared' } : undefined;
  if (!SOURCE_ASSESSED_TYPES.includes(c.type)) return undefined;
  return c.sources.named.length === 1 ? { ...common, ...source, basis: 'one-named-source' } : undefined;
}

/**
 * Where a product's components are made. Every component counts once, nested ones included (an assembly
 * and its parts are each made somewhere). Shares are given twice: by component count (each distinct
 * component line counts 1) and by quantity (cdx:device:quantity as stated, else 1; not multiplied by the
 * parent's quantity). Components of unknown origin form their own `unknown` bucket and stay in the total.
 */
export function bomOrigins(components: readonly BomComponent[], productId?: string): BomOrigins {
  const buckets = new Map<string, { components: number; quantity: number }>();
  let quantity = 0;
  for (const c of components) {
    const b = buckets.get(c.origin.country) ?? { components: 0, quantity: 0 };
    b.components += 1;
    b.quantity += c.quantity;
    quantity += c.quantity;
    buckets.set(c.origin.country, b);
  }
  const n = components.length;
  const byCountry = [...buckets]
    .map(([country, b]) => ({
      country,
      components: b.components,
      componentShare: n ? b.components / n : 0,
      quantity: b.quantity,
      quantityShare: quantity ? b.quantity / quantity : 0,
    }))
    .sort((a, b) =>
      (a.country === UNKNOWN_COUNTRY ? 1 : 0) - (b.country === UNKNOWN_COUNTRY ? 1 : 0) ||
      b.components - a.components ||
      (a.country < b.country ? -1 : a.country > b.country ? 1 : 0),
    );
  const assessed = components.filter((c) => c.sources.declared !== undefined || SOURCE_ASSESSED_TYPES.includes(c.type));
  return {
    ...(productId !== undefined ? { productId } : {}),
    components: n,
    quantity,
    byCountry,
    countries: byCountry.map((r) => r.country).filter((c) => c !== UNKNOWN_COUNTRY).sort(),
    sourceAssessedComponents: assessed.length,
    singleSourceComponents: assessed.map(singleSource).filter((s): s is SingleSourceComponent => s !== undefined),
  };
}
