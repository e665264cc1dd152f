import type { Designation } from '../../domain/index.js';
import { addMonths } from '../../engine/snapshot.js';
import { renderTable } from '../../report/table.js';
import type { DesignationWarning } from '../../engine/designation-warnings.js';
import type { DesignationView } from '../../services/designations.js';
import type { DesignationRevision, DesignationWrite, RevisionDiff } from '../../store/designations.js';

/** Plain-text renderings of the designation commands, and the JSON shape of a write. */

const deadline = (d: Designation) => addMonths(d.effective_date, d.transition_months);

/** What create, amend and revoke print with --format json (create and amend with the warnings about the profile cited). */
export function writeJson(w: DesignationWrite, warnings?: readonly DesignationWarning[]) {
  return {
    designation: w.designation,
    ...(warnings ? { warnings } : {}),
    deadline: deadline(w.designation),
    created: w.created,
    changed: w.revision !== undefined,
    ...(w.revision ? { revision: { revision: w.revision.revision, change: w.revision.change, ...(w.revision.changeDate ? { changeDate: w.revision.changeDate } : {}), recordedAt: w.revision.recordedAt } } : {}),
  };
}

/** One line per warning, to follow what a write or show prints. */
export function warningsText(warnings: readonly DesignationWarning[]): string {
  return warnings.map((w) => `warning (${w.kind}): ${w.message}\n`).join('');
}

export function writeText(w: DesignationWrite, warnings: readonly DesignationWarning[] = []): string {
  const d = w.designation;
  if (!w.revision) return `designation ${d.designation_id} unchanged: nothing recorded\n${warningsText(warnings)}`;
  const r = w.revision;
  const verb = r.change === 'created' ? 'created' : r.change === 'revoked' ? `revoked${r.changeDate ? ` as of ${r.changeDate}` : ''}` : 'amended';
  return (
    `designation ${d.designation_id} ${verb} (revision ${r.revision}): ${d.member_state} ${d.kind} ${d.supplier_id} for ${d.segments.join(', ')}, ` +
    `status ${d.status}, effective ${d.effective_date}, transition ${d.transition_months} months → deadline ${deadline(d)}\n` +
    warningsText(warnings)
  );
}

export function listText(rows: readonly Designation[]): string {
  if (rows.length === 0) return 'no designations\n';
  return renderTable(rows, [
    { header: 'designation', value: (d) => d.designation_id },
    { header: 'member state', value: (d) => d.member_state },
    { header: 'supplier', value: (d) => d.supplier_id },
    { header: 'kind', value: (d) => d.kind },
    { header: 'scope', value: (d) => d.segments.join(';') },
    { header: 'status', value: (d) => d.status },
    { header: 'effective', value: (d) => d.effective_date },
    { header: 'months', value: (d) => String(d.transition_months), align: 'right' },
    { header: 'deadline', value: (d) => deadline(d) },
  ]);
}

export function showText(v: DesignationView): string {
  const d = v.designation;
  const lines = [
    `designation ${d.designation_id}: ${d.member_state} designates ${d.supplier_id} ${d.kind} for ${d.segments.join(', ')} — status ${d.status}`,
    `legal basis: ${d.legal_basis}`,
    `decided ${d.decision_date ?? '(date not recorded)'}, effective ${d.effective_date}, transition ${d.transition_months} months → deadline ${v.deadline}`,
    v.profile
      ? `rests on profile ${v.profile.profileId} version ${v.profile.version} (${v.profile.assessedOn}): level ${v.profile.level} under rule ${v.profile.ruleId}`
      : 'rests on no recorded profile version',
    `${v.revisions.length} revision(s); see: secure5g designation history ${d.designation_id}`,
  ];
  return `${lines.join('\n')}\n${warningsText(v.warnings)}`;
}

export function historyText(id: string, revisions: readonly DesignationRevision[]): string {
  return (
    `designation ${id}: ${revisions.length} revision(s)\n` +
    renderTable(revisions, [
      { header: 'rev', value: (r) => String(r.revision), align: 'right' },
      { header: 'change', value: (r) => r.change },
      { header: 'date', value: (r) => r.changeDate ?? '' },
      { header: 'status', value: (r) => r.designation.status },
      { header: 'effective', value: (r) => r.designation.effective_date },
      { header: 'months', value: (r) => String(r.designation.transition_months), align: 'right' },
      { header: 'recorded at', value: (r) => r.recordedAt },
      { header: 'by', value: (r) => r.actor },
      { header: 'source', value: (r) => r.source },
    ])
  );
}

const show = (v: unknown) => (v === undefined ? '(not set)' : Array.isArray(v) ? v.join(';') : String(v));

export function diffText(d: RevisionDiff): string {
  const head = `designation ${d.designationId}: revision ${d.from.revision} (${d.from.change}) → ${d.to.revision} (${d.to.change})`;
  if (d.changes.length === 0) return `${head}\nno field differs\n`;
  return `${head}\n${d.changes.map((c) => `${c.field}: ${show(c.from)} → ${show(c.to)}`).join('\n')}\n`;
}
