import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import type { ScreeningListRow } from '../../report/tracking.js';
import type { UpsertSummary } from '../../store/screening.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption, today } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

const summaryText = (s: UpsertSummary) => `screening: ${s.rows} cases from ${s.source} — ${s.inserted} new, ${s.revised} revised, ${s.unchanged} unchanged\n`;
const dateOption = async (v: string | undefined) => (v === undefined ? today() : parseOption((await import('../../domain/index.js')).IsoDate, v, '--date'));

export function registerScreening(program: Command, { io }: CommandContext) {
  const screening = program.command('screening').description('investment screening cases (Regulation (EU) 2019/452): 35-day comment deadline, profile reviews');

  type Writer = (typeof import('../../services/screening-import.js'))['importScreeningCases'];
  const writer = (name: string, description: string, argument: string, load: () => Promise<Writer>) =>
    screening
      .command(name)
      .description(description)
      .argument('<file>', argument)
      .addOption(formatOption())
      .addOption(dbOption())
      .action(async (file: string, o: { format: string; db?: string }) => {
        const format = outputFormat(o.format, FORMATS);
        await withStore(
          o.db,
          async (store) => {
            const s = await (await load())(store, file);
            io.out(format === 'json' ? json(s) : summaryText(s));
          },
          // an import may start a database; `add` records into one that exists
          name === 'import' ? { createWith: io } : {},
        );
      });
  writer('import', 'record cases from a CSV, JSON or XLSX register; a changed case gets a new revision', '.csv | .json | .xlsx', async () => (await import('../../services/screening-import.js')).importScreeningCases);
  writer('add', 'record one case (or revise it) from a JSON file', 'case JSON file', async () => (await import('../../services/screening-import.js')).addScreeningCase);

  screening
    .command('list')
    .description('the register as of a date: comment deadline (received + 35 days), days left, phase open/overdue/closed, flags')
    .option('--date <date>', 'as of this day (default: today)')
    .option('--member-state <code>', 'cases of this member state')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { date?: string; memberState?: string; format: string; db?: string }) => {
      const { listScreeningCases } = await import('../../store/screening.js');
      const { screeningToText } = await import('../../report/tracking.js');
      const { screeningRegister } = await import('../../engine/screening.js');
      const { MemberStateCode } = await import('../../domain/index.js');
      const format = outputFormat(o.format, FORMATS);
      const date = await dateOption(o.date);
      const memberState = o.memberState === undefined ? undefined : parseOption(MemberStateCode, o.memberState, '--member-state');
      await withStore(o.db, async (store) => {
        const cases = (await listScreeningCases(store, memberState ? { memberState } : {})).map((r) => r.case);
        const register = screeningRegister(cases, date);
        const byId = new Map(cases.map((c) => [c.case_id, c]));
        const rows: ScreeningListRow[] = register.cases.map((s) => {
          const c = byId.get(s.caseId)!;
          return { ...s, investor: c.investor, targetKind: c.target_kind, targetId: c.target_id, receivedOn: c.received_on };
        });
        io.out(format === 'json' ? json({ date, cases: rows, profilesToReview: register.profilesToReview }) : screeningToText(rows, date));
      });
    });

  screening
    .command('show')
    .description('one case: its latest revision as of a date, and every revision')
    .argument('<case_id>')
    .option('--date <date>', 'as of this day (default: today)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (caseId: string, o: { date?: string; format: string; db?: string }) => {
      const { getScreeningCase } = await import('../../store/screening.js');
      const { screenCase } = await import('../../engine/screening.js');
      const format = outputFormat(o.format, FORMATS);
      const date = await dateOption(o.date);
      await withStore(o.db, async (store) => {
        const stored = await getScreeningCase(store, caseId);
        if (!stored) throw new UserError(`no screening case ${caseId} (see: secure5g screening list)`);
        const screened = screenCase(stored.case, date);
        if (format === 'json') {
          io.out(json({ date, case: stored.case, screened, revision: stored.revision, history: stored.history }));
          return;
        }
        const c = stored.case;
        io.out(
          [
            `case ${c.case_id} (revision ${stored.revision}), ${c.member_state}: ${c.investor} (${c.investor_country}) in ${c.target_kind} ${c.target_id}`,
            `status ${c.status}; received ${c.received_on}; comment deadline ${screened.commentDeadline} (${screened.daysRemaining} days as of ${date}); phase ${screened.phase}`,
            `factors: ${c.factors.join(', ') || 'none'}; third-country-government control: ${c.third_country_government_control ? 'yes' : 'no'}`,
            ...screened.flags.map((f) => `flag ${f.kind}: ${f.text}`),
            `revisions: ${stored.history.map((h) => `${h.revision} ${h.case.status} (${h.recordedAt.slice(0, 10)}, ${h.source})`).join('; ')}`,
          ].join('\n') + '\n',
        );
      });
    });

  screening
    .command('review-flags')
    .description('suppliers whose risk profile a screening case flags for review (ownership or control may change)')
    .option('--date <date>', 'as of this day (default: today)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { date?: string; format: string; db?: string }) => {
      const { listScreeningCases } = await import('../../store/screening.js');
      const { listSuppliers } = await import('../../store/repositories.js');
      const { renderTable } = await import('../../report/table.js');
      const { screeningRegister } = await import('../../engine/screening.js');
      const format = outputFormat(o.format, FORMATS);
      const date = await dateOption(o.date);
      await withStore(o.db, async (store) => {
        const cases = (await listScreeningCases(store)).map((r) => r.case);
        const register = screeningRegister(cases, date);
        const names = new Map((await listSuppliers(store)).map((s) => [s.supplier_id, s.name]));
        const phase = new Map(register.cases.map((s) => [s.caseId, s.phase]));
        const flags = register.profilesToReview.map((supplierId) => ({
          supplierId,
          name: names.get(supplierId) ?? '',
          cases: cases
            .filter((c) => c.target_kind === 'supplier' && c.target_id === supplierId)
            .sort((a, b) => (a.received_on < b.received_on ? -1 : a.received_on > b.received_on ? 1 : a.case_id < b.case_id ? -1 : 1))
            .map((c) => ({ caseId: c.case_id, investor: c.investor, memberState: c.member_state, status: c.status, receivedOn: c.received_on, phase: phase.get(c.case_id)! })),
        }));
        if (format === 'json') io.out(json({ date, suppliers: flags }));
        else if (flags.length === 0) io.out('no supplier profile is flagged for review\n');
        else
          io.out(
            renderTable(flags, [
              { header: 'supplier', value: (f) => f.supplierId },
              { header: 'name', value: (f) => f.name },
              { header: 'cases', value: (f) => f.cases.map((c) => `${c.caseId} (${c.memberState}, ${c.investor}, ${c.status})`).join('; ') },
            ]),
          );
      });
    });
}
