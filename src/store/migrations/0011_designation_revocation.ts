import type { Kysely } from 'kysely';

/**
 * Designations gain `revoked_on`: the day a designation that was in force stops counting. Before it,
 * a revoked designation was ignored for every date, so an assessment dated before the revocation lost
 * findings that were due then.
 *
 * Revoked designations already stored get theirs from their history where it says it: the revision that
 * revoked them carries the revocation date, and the one before shows whether they were in force (and
 * effective) before it. The change is recorded as a revision of its own (`amended`, by `migration`), so
 * the history stays append-only and still ends with the designation as stored. Revocations without a
 * date (a file import of status `revoked`) keep none and stay ignored for every date, as before.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('designations').addColumn('revoked_on', 'text').execute();

  const revoked = (await db.selectFrom('designations').select('designation_id').where('status', '=', 'revoked').orderBy('designation_id').execute()) as {
    designation_id: string;
  }[];
  const at = new Date().toISOString();
  for (const { designation_id } of revoked) {
    const history = (await db
      .selectFrom('designation_history')
      .select(['revision', 'change', 'designation', 'change_date'])
      .where('designation_id', '=', designation_id)
      .orderBy('revision')
      .execute()) as { revision: number; change: string; designation: string; change_date: string | null }[];
    let i = history.length - 1;
    while (i > 0 && history[i]!.change !== 'revoked') i--;
    const revocation = history[i];
    const date = revocation?.change_date;
    if (i <= 0 || !revocation || !date) continue;
    const before = JSON.parse(history[i - 1]!.designation) as { status: string; effective_date: string };
    if (before.status !== 'in-force' || !(before.effective_date < date)) continue;
    const last = history[history.length - 1]!;
    // the stored designation with its new field last, in the key order src/store/designation-rows.ts gives
    const next = { ...(JSON.parse(last.designation) as Record<string, unknown>), revoked_on: date };
    await db.updateTable('designations').set({ revoked_on: date }).where('designation_id', '=', designation_id).execute();
    await db
      .insertInto('designation_history')
      .values({
        designation_id,
        revision: Number(last.revision) + 1,
        change: 'amended',
        designation: JSON.stringify(next),
        change_date: null,
        recorded_at: at,
        actor: 'migration',
        source: `migration 0011: revoked_on from revision ${Number(revocation.revision)}`,
      })
      .execute();
  }
}
