import type { Rng } from './random.js';
import { MNO_SUFFIXES, NEUTRAL_HOST_SUFFIX, OPERATOR_STEMS, PRIVATE_SUFFIXES } from './roster.js';
import type { OperatorRow } from './rows.js';
import type { MemberStateSetup } from './scale.js';

/**
 * Operators per member state: MNOs share the subscriptions (about 1.1–1.35 per inhabitant) with uneven
 * market shares; a neutral host carries small cells for others and has no subscribers of its own; a
 * private network serves an industrial campus, its "subscribers" being devices.
 */
export function buildOperators(states: readonly MemberStateSetup[], rng: Rng): OperatorRow[] {
  const stems = rng.shuffle(OPERATOR_STEMS);
  const names = new Set<string>();
  let stemIndex = 0;
  const uniqueName = (suffixes: readonly string[]): string => {
    for (;;) {
      const stem = stems[stemIndex++ % stems.length];
      const start = rng.int(0, suffixes.length - 1);
      for (let k = 0; k < suffixes.length; k++) {
        const name = `${stem} ${suffixes[(start + k) % suffixes.length]}`;
        if (!names.has(name)) {
          names.add(name);
          return name;
        }
      }
    }
  };

  const rows: OperatorRow[] = [];
  for (const ms of states) {
    let n = 0;
    const id = () => `OP-${ms.code}-${++n}`;
    const weights = Array.from({ length: ms.mnos }, () => rng.real(0.6, 1.6)).sort((a, b) => b - a);
    const total = weights.reduce((a, b) => a + b, 0);
    const penetration = rng.real(1.1, 1.35);
    for (const w of weights) {
      const subscribers = Math.round((ms.population * 1e6 * penetration * w) / total / 1000) * 1000;
      // critical services grow with the customer base: about one per 1.5 million subscribers, at least one.
      // Derived, not drawn, so the random stream (and every other figure of the demo) stays as it was.
      const critical_services = Math.max(1, Math.round(subscribers / 1_500_000));
      rows.push({ operator_id: id(), name: uniqueName(MNO_SUFFIXES), member_state: ms.code, kind: 'mno', subscribers, critical_services });
    }
    for (let k = 0; k < ms.neutralHosts; k++) {
      rows.push({ operator_id: id(), name: uniqueName([NEUTRAL_HOST_SUFFIX]), member_state: ms.code, kind: 'neutral-host', subscribers: '' });
    }
    for (let k = 0; k < ms.privates; k++) {
      rows.push({
        operator_id: id(),
        name: uniqueName(PRIVATE_SUFFIXES),
        member_state: ms.code,
        kind: 'private',
        subscribers: rng.int(15, 400) * 10,
      });
    }
  }
  return rows;
}
