import type { Holding } from '../../domain/ownership.js';
import type { ControlResult } from '../../engine/control.js';
import { fmtNum } from '../../report/format.js';
import { renderTable } from '../../report/table.js';
import type { ProductOrigins } from '../../services/ownership.js';
import type { StoredBom } from '../../store/boms.js';
import type { EntityRecord } from '../../store/ownership.js';

/* Plain-text views of the ownership and BOM commands; --format json prints the objects themselves. */

/**
 * Two decimals: look-through shares are often small products of stakes (0.51 × 0.55 × 0.7 = 19.64 %).
 * The nudge rounds decimal halves up although their binary value lies just below (0.25575 → 25.58 %).
 */
const pct = (f: number) => `${(Math.round(f * 10_000 + 1e-7) / 100).toFixed(2)} %`;

export function entitiesText(list: readonly EntityRecord[]): string {
  if (list.length === 0) return 'no entities or suppliers recorded\n';
  return renderTable(list, [
    { header: 'entity', value: (e) => e.entity_id },
    { header: 'name', value: (e) => e.name },
    { header: 'kind', value: (e) => e.kind },
    { header: 'country', value: (e) => e.country ?? '' },
    { header: 'source', value: (e) => e.source },
  ]);
}

export function holdingsText(list: readonly Holding[]): string {
  if (list.length === 0) return 'no holdings recorded\n';
  return renderTable(list, [
    { header: 'holder', value: (h) => h.holder_id },
    { header: 'held', value: (h) => h.held_id },
    { header: 'capital %', value: (h) => fmtNum(h.percentage), align: 'right' },
    { header: 'votes %', value: (h) => (h.voting_rights === undefined ? '' : fmtNum(h.voting_rights)), align: 'right' },
    { header: 'control', value: (h) => (h.control ? 'yes' : '') },
    { header: 'since', value: (h) => h.since ?? '' },
  ]);
}

export function entityText(e: EntityRecord, heldBy: readonly Holding[], holds: readonly Holding[]): string {
  return (
    `${e.entity_id}  ${e.name}\nkind: ${e.kind}   country: ${e.country ?? 'unknown'}   source: ${e.source === 'supplier' ? 'supplier (no entities row)' : 'entities register'}\n\n` +
    `held by:\n${heldBy.length ? holdingsText(heldBy) : 'no recorded holders\n'}\n` +
    `holds:\n${holds.length ? holdingsText(holds) : 'no recorded holdings\n'}`
  );
}

export function controlText(r: ControlResult, asOf: string | undefined): string {
  const lines: string[] = [`${r.subjectId}: ownership and control (${asOf ? `holdings as of ${asOf}` : 'all recorded holdings'})`, ''];
  lines.push('Ultimate controllers:');
  for (const u of r.ultimateControllers) lines.push(`  ${u.entityId} (${u.kind}, ${u.country ?? 'country unknown'}): ${u.explanation.text}`);
  lines.push(`Control outside the EU/EEA: ${r.controlStatus} (${r.controlStatusReason})`, '');
  lines.push('Look-through owners:');
  lines.push(
    r.owners.length
      ? renderTable(r.owners, [
          { header: 'entity', value: (o) => o.entityId },
          { header: 'name', value: (o) => o.name },
          { header: 'kind', value: (o) => o.kind },
          { header: 'country', value: (o) => o.country ?? '' },
          { header: 'share', value: (o) => pct(o.share), align: 'right' },
        ]).trimEnd()
      : '  none recorded',
  );
  lines.push(`Unknown owners: ${pct(r.unknownShare)}${r.unresolvedShare > 0 ? `; in a closed cycle: ${pct(r.unresolvedShare)}` : ''}`, '');
  lines.push('State shares:');
  lines.push(
    r.stateShares.length
      ? renderTable(r.stateShares, [
          { header: 'country', value: (s) => s.country },
          { header: 'share', value: (s) => pct(s.share), align: 'right' },
          { header: 'held by', value: (s) => s.entities.map((e) => `${e.entityId} ${pct(e.share)}`).join(', ') },
        ]).trimEnd()
      : '  none',
  );
  if (r.cycles.length) lines.push('', `Ownership cycles: ${r.cycles.map((c) => c.members.join(' ↔ ')).join('; ')}`);
  if (r.missingData.length) lines.push('', 'Missing data:', ...r.missingData.map((m) => `  - ${m.text}`));
  lines.push('', r.explanation.text);
  return `${lines.join('\n')}\n`;
}

export function bomsText(list: readonly StoredBom[]): string {
  if (list.length === 0) return 'no BOMs recorded\n';
  return renderTable(list, [
    { header: 'product', value: (b) => b.productId },
    { header: 'latest', value: (b) => (b.latest ? 'yes' : '') },
    { header: 'file', value: (b) => b.file },
    { header: 'spec', value: (b) => b.specVersion },
    { header: 'components', value: (b) => String(b.components), align: 'right' },
    { header: 'imported at', value: (b) => b.importedAt },
    { header: 'sha256', value: (b) => b.sha256.slice(0, 12) },
    { header: 'bom id', value: (b) => b.bomId },
  ]);
}

export function originsText(o: ProductOrigins): string {
  const head = `${o.productId}: ${o.components} components (quantity ${fmtNum(o.quantity)}) from ${o.bom.file}, CycloneDX ${o.bom.specVersion}, imported ${o.bom.importedAt}\n\n`;
  const table = renderTable(o.byCountry, [
    { header: 'country', value: (r) => r.country },
    { header: 'components', value: (r) => String(r.components), align: 'right' },
    { header: 'share', value: (r) => pct(r.componentShare), align: 'right' },
    { header: 'quantity', value: (r) => fmtNum(r.quantity), align: 'right' },
    { header: 'qty share', value: (r) => pct(r.quantityShare), align: 'right' },
  ]);
  const single = o.singleSourceComponents.length
    ? renderTable(o.singleSourceComponents, [
        { header: 'component', value: (s) => s.name },
        { header: 'type', value: (s) => s.type },
        { header: 'source', value: (s) => s.source ?? '' },
        { header: 'basis', value: (s) => s.basis },
        { header: 'path', value: (s) => s.path },
      ])
    : 'none\n';
  return `${head}${o.byCountry.length ? table : 'no components\n'}\nSingle-source components (${o.singleSourceComponents.length} of ${o.sourceAssessedComponents} source-assessed):\n${single}`;
}
