import { renderTable } from '../../report/table.js';
import type { ControlView, ProfileSuggestions, ProfileVersionsDiff, ProfileView } from '../../services/profiles.js';
import type { AppendedProfile, CurrentSupplyFacts, ProfileSummary, StoredProfile, StoredSupplyFacts } from '../../store/profiles.js';

/** Plain-text renderings of the profile commands; the JSON output is the service results as they are. */

const pct = (f: number) => `${+(f * 100).toFixed(2)} %`;

/** What `profile create --format json` prints. */
export function appendedJson(a: AppendedProfile) {
  return {
    profileId: a.profile.profile_id,
    version: a.profile.version,
    supplierId: a.profile.supplier_id,
    memberState: a.profile.member_state,
    level: a.level,
    ruleId: a.ruleId,
    policyVersion: a.policyVersion,
    drivers: a.result.drivers,
    explanation: a.result.explanation,
    recordedAt: a.recordedAt,
  };
}

export function appendedText(a: AppendedProfile): string {
  const p = a.profile;
  return (
    `profile ${p.profile_id} version ${p.version} recorded: ${p.supplier_id} assessed by ${p.member_state} — level ${a.level} ` +
    `(rule ${a.ruleId}, policy ${a.policyVersion})\n` +
    `driven by: ${a.result.drivers.length ? a.result.drivers.join(', ') : 'none (no condition for medium or high holds)'}\n` +
    `${a.result.explanation.text}\n`
  );
}

export function profileListText(rows: readonly ProfileSummary[]): string {
  if (rows.length === 0) return 'no profiles recorded\n';
  return renderTable(rows, [
    { header: 'profile', value: (r) => r.profileId },
    { header: 'version', value: (r) => String(r.version), align: 'right' },
    { header: 'supplier', value: (r) => r.supplierId },
    { header: 'member state', value: (r) => r.memberState },
    { header: 'level', value: (r) => r.level },
    { header: 'rule', value: (r) => r.ruleId },
    { header: 'assessed on', value: (r) => r.assessedOn },
    { header: 'assessor', value: (r) => r.assessor },
  ]);
}

export function controlText(c: ControlView): string {
  if (!c.available) return `control: not available (${c.reason})\n`;
  const s = c.summary;
  const controllers = s.ultimateControllers.map((u) => `${u.entityId} (${u.kind}, ${u.country ?? 'country unknown'})${u.isSubject ? ' — nobody controls it' : ''}`);
  return (
    `control${s.asOf ? ` as of ${s.asOf}` : ''}: ultimate controller(s) ${controllers.join(', ') || 'none'}; ` +
    `control outside EU/EEA ${s.controlStatus} (${s.controlStatusReason}); ` +
    `state shares ${s.stateShares.map((x) => `${x.country} ${pct(x.share)}`).join(', ') || 'none'}; unknown owners ${pct(s.unknownShare)}` +
    (s.missingData ? `; ${s.missingData} missing-data note(s)` : '') +
    '\n'
  );
}

export function profileViewText(v: ProfileView): string {
  const p = v.profile;
  const head =
    `profile ${p.profile_id} version ${p.version} of ${v.versions.length} — supplier ${p.supplier_id}, assessed by ${p.member_state} ` +
    `(${p.assessor}, ${p.assessed_on})\n` +
    `level ${v.recorded.level} under rule ${v.recorded.ruleId}, recorded ${v.recorded.recordedAt} by ${v.recorded.recordedBy}\n` +
    `${v.level.explanation.text}\n` +
    (v.current.changed
      ? `note: under the rule in force now (${v.current.ruleId}, policy ${v.current.policyVersion}) this version would be ${v.current.level}; record a new version to re-level it\n`
      : '');
  const scores = renderTable(p.scores, [
    { header: 'criterion', value: (s) => s.criterion },
    { header: 'score', value: (s) => String(s.score), align: 'right' },
    { header: 'suggested', value: (s) => (s.suggested ? `${s.suggested.score} ${s.suggested.decision}` : '') },
    { header: 'evidence', value: (s) => s.evidence.map((e) => e.text).join(' | ') },
  ]);
  return `${head}\n${scores}\n${controlText(v.control)}`;
}

export function historyJson(versions: readonly StoredProfile[]) {
  return versions.map((v) => ({
    version: v.profile.version,
    assessedOn: v.profile.assessed_on,
    assessor: v.profile.assessor,
    level: v.level,
    ruleId: v.ruleId,
    scores: v.profile.scores.length,
    recordedAt: v.recordedAt,
    recordedBy: v.recordedBy,
  }));
}

export function historyText(id: string, versions: readonly StoredProfile[]): string {
  return (
    `profile ${id}: ${versions.length} version(s)\n` +
    renderTable(historyJson(versions), [
      { header: 'version', value: (r) => String(r.version), align: 'right' },
      { header: 'assessed on', value: (r) => r.assessedOn },
      { header: 'assessor', value: (r) => r.assessor },
      { header: 'level', value: (r) => r.level },
      { header: 'rule', value: (r) => r.ruleId },
      { header: 'scores', value: (r) => String(r.scores), align: 'right' },
      { header: 'recorded at', value: (r) => r.recordedAt },
    ])
  );
}

export function profileDiffText(d: ProfileVersionsDiff): string {
  const lines = [`profile ${d.profileId}: version ${d.fromVersion} → ${d.toVersion}`];
  lines.push(`level as recorded: ${d.recorded.from} → ${d.recorded.to}`);
  if (d.level) lines.push(`level under the rule in force now (${d.ruleId}): ${d.level.from} → ${d.level.to}${d.level.changed ? '' : ' (unchanged)'}`);
  if (d.assessorChanged) lines.push(`assessor: ${d.assessorChanged.from} → ${d.assessorChanged.to}`);
  for (const c of d.scoresChanged) lines.push(`${c.criterion}: score ${c.from} → ${c.to}`);
  for (const c of d.criteriaAdded) lines.push(`${c.criterion}: scored ${c.score} (new)`);
  for (const c of d.criteriaRemoved) lines.push(`${c.criterion}: no longer scored (was ${c.score})`);
  for (const e of d.evidenceAdded) lines.push(`${e.criterion}: evidence added: ${e.evidence.text}`);
  for (const e of d.evidenceRemoved) lines.push(`${e.criterion}: evidence removed: ${e.evidence.text}`);
  if (lines.length === 2 + (d.level ? 1 : 0)) lines.push('no scores or evidence changed');
  return `${lines.join('\n')}\n`;
}

export function suggestionsText(s: ProfileSuggestions): string {
  const head = `suggested scores for ${s.supplierId} as ${s.memberState} would assess it on ${s.asOf} — suggestions only, nothing is recorded\n`;
  const table = s.suggestions.length
    ? renderTable(s.suggestions, [
        { header: 'criterion', value: (x) => x.criterion },
        { header: 'score', value: (x) => String(x.score), align: 'right' },
        { header: 'source', value: (x) => x.source },
        { header: 'why', value: (x) => x.explanation.text },
      ])
    : 'no score can be suggested from the data recorded\n';
  const not = s.notSuggested.map((n) => `not suggested: ${n.criterion} (${n.source}): ${n.reason}`).join('\n');
  const howTo = 'To use a suggestion, record the score in a profile with "suggested": {score, source, explanation, decision: "confirmed" | "overridden", override_reason}.';
  return `${head}\n${table}${not ? `\n${not}\n` : ''}\n${howTo}\n`;
}

export function factsRecordedText(f: StoredSupplyFacts): string {
  const parts = [
    f.single_source_critical_components !== undefined ? `single-source critical components ${f.single_source_critical_components}` : undefined,
    f.export_control_exposure !== undefined ? `export-control exposure ${f.export_control_exposure ? 'yes' : 'no'}` : undefined,
    f.financial_stability_note !== undefined
      ? `financial stability "${f.financial_stability_note}"${f.financial_stability_concern !== undefined ? ` (concern ${f.financial_stability_concern})` : ''}`
      : undefined,
  ].filter(Boolean);
  return `supply facts recorded for ${f.supplier_id} by ${f.member_state} on ${f.recorded_on} (${f.source}): ${parts.join('; ')}\n`;
}

export function factsListText(records: readonly StoredSupplyFacts[], current?: CurrentSupplyFacts): string {
  const out = records.length ? records.map(factsRecordedText).join('') : 'no supply facts recorded\n';
  if (!current) return out;
  const f = current.facts;
  const o = current.origins;
  const at = (k: keyof typeof o) => (o[k] ? ` (from ${o[k]!.recordedOn}, ${o[k]!.source})` : '');
  return (
    `${out}\nin force for ${current.supplierId} (${current.memberState}):\n` +
    `  single-source critical components: ${f.singleSourceCriticalComponents ?? 'not stated'}${at('singleSourceCriticalComponents')}\n` +
    `  export-control exposure: ${f.exportControlExposure === undefined ? 'not stated' : f.exportControlExposure ? 'yes' : 'no'}${at('exportControlExposure')}\n` +
    `  financial stability: ${f.financialStability ? `"${f.financialStability.note}"${f.financialStability.concern !== undefined ? `, concern ${f.financialStability.concern}` : ''}` : 'not stated'}${at('financialStability')}\n`
  );
}
