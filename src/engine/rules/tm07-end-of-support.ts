import type { Finding } from '../../domain/index.js';
import { CRITICAL, OTHER } from '../criticality.js';
import { num } from '../format.js';
import { fromEpochDay } from '../snapshot.js';
import { Grouper, type RuleInput } from './rule.js';

/**
 * TM07 — software integrity, update and patch management. A critical or sensitive asset whose end of
 * support (its own, else its product's) lies before the date can no longer be patched. One finding per
 * operator × segment × supplier × product; high when any asset in it is critical, else medium.
 */
export function tm07(input: RuleInput): Finding[] {
  const { ctx } = input;
  const { snapshot, criticality, day } = ctx;
  const nSeg = snapshot.segments.length;
  const nSup = snapshot.suppliers.ids.length;
  const nProd = snapshot.products.ids.length;
  const nFn = criticality.functions;
  const { codes, operatorBase } = criticality;

  // Keys: operator × segment × product while the asset's supplier is its product's (the usual case, served
  // by the flat index); past `dense`, operator × segment × supplier × product for the rest.
  const dense = snapshot.operators.ids.length * nSeg * (nProd + 1);
  const productSupplier = snapshot.products.supplier;
  const grouper = new Grouper(dense, input.scratch);
  // per group: critical and sensitive asset counts, earliest and latest end of support (epoch days)
  const critical: number[] = [];
  const sensitive: number[] = [];
  const earliest: number[] = [];
  const latest: number[] = [];
  const { count, operator, segment, function: fn, supplier, product, quantity, endOfSupport, ids } = snapshot.assets;
  for (let i = 0; i < count; i++) {
    const eos = endOfSupport[i];
    // NaN (no end of support known) fails the comparison and is not flagged.
    if (!(eos < day)) continue;
    const o = operator[i];
    if (!ctx.operatorInScope[o]) continue;
    const s = segment[i];
    const c = codes[operatorBase[o] + s * nFn + fn[i]];
    if (c === OTHER) continue;
    const p = product[i];
    const cell = o * nSeg + s;
    const key =
      p >= 0 && productSupplier[p] === supplier[i]
        ? cell * (nProd + 1) + p + 1
        : dense + (cell * nSup + supplier[i]) * (nProd + 1) + p + 1;
    const g = grouper.add(key, i);
    grouper.quantity[g] += quantity[i];
    if (g === critical.length) {
      critical.push(0);
      sensitive.push(0);
      earliest.push(eos);
      latest.push(eos);
    }
    if (c === CRITICAL) critical[g]++;
    else sensitive[g]++;
    if (eos < earliest[g]) earliest[g] = eos;
    if (eos > latest[g]) latest[g] = eos;
  }

  return grouper.finish(ids).map((group, g) => {
    const key = group.key < dense ? group.key : group.key - dense;
    const product = (key % (nProd + 1)) - 1;
    const rest = Math.floor(key / (nProd + 1));
    const cell = group.key < dense ? rest : Math.floor(rest / nSup);
    const sup = group.key < dense ? productSupplier[product] : rest % nSup;
    const o = Math.floor(cell / nSeg);
    const operatorId = snapshot.operators.ids[o];
    const seg = snapshot.segments[cell % nSeg];
    const supplierId = snapshot.suppliers.ids[sup];
    const productId = product >= 0 ? snapshot.products.ids[product] : undefined;
    const first = fromEpochDay(earliest[g]);
    const last = fromEpochDay(latest[g]);
    const ended = first === last ? `support ended ${first}` : `support ended between ${first} and ${last}`;
    return {
      id: `TM07:${operatorId}:${seg}:${supplierId}:${productId ?? 'no-product'}`,
      rule: 'TM07',
      measure: 'TM07',
      severity: critical[g] > 0 ? 'high' : 'medium',
      level: 'operator',
      memberState: snapshot.memberStates[snapshot.operators.memberState[o]],
      operatorId,
      segment: seg,
      supplierId,
      ...(productId !== undefined ? { productId } : {}),
      affectedQuantity: group.quantity,
      assetIds: group.assetIds,
      explanation: {
        text:
          `${operatorId}, ${seg}: ${critical[g]} critical and ${sensitive[g]} sensitive asset(s), quantity ${num(group.quantity)}, ` +
          `from ${supplierId}${productId ? ` (${productId})` : ''}: ${ended}, before ${ctx.date}.`,
        formula: 'flag critical or sensitive assets with endOfSupport < date; severity = high if any is critical, else medium',
        inputs: {
          date: ctx.date,
          earliestEndOfSupport: first,
          latestEndOfSupport: last,
          criticalAssets: critical[g],
          sensitiveAssets: sensitive[g],
          quantity: group.quantity,
        },
      },
    };
  });
}
