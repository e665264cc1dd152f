import type { FastifyBaseLogger } from 'fastify';
import type { AssessmentResult } from '../../domain/index.js';
import { assess } from '../../engine/index.js';
import { dashboardView, scopeKey, type OperatorFacts, type Scope } from '../../store/access/index.js';
import { loadSnapshot, type Store } from '../../store/index.js';

const today = () => new Date().toISOString().slice(0, 10);

interface Current {
  result: AssessmentResult;
  operators: OperatorFacts[];
  generatedAt: string;
}

/**
 * The latest whole-instance assessment, held in memory, and each scope's dashboard cut from it and kept
 * as serialised JSON: a dashboard request is a map lookup. Writes that change the inventory call
 * invalidate(); the next request recomputes (one computation however many requests wait for it).
 */
export class DashboardService {
  private current: Current | undefined;
  private computing: Promise<Current> | undefined;
  private stale = true;
  private readonly views = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly log?: FastifyBaseLogger,
    private readonly date: () => string = today,
  ) {}

  /** Recomputes now; concurrent callers share the one computation. */
  refresh(): Promise<Current> {
    this.computing ??= Promise.resolve()
      .then(() => {
        const started = Date.now();
        this.stale = false;
        const snapshot = loadSnapshot(this.store);
        const result = assess(snapshot, { date: this.date() });
        const qty = new Float64Array(snapshot.operators.ids.length);
        const { operator, quantity, count } = snapshot.assets;
        for (let i = 0; i < count; i++) qty[operator[i]!]! += quantity[i]!;
        const operators = snapshot.operators.ids.map((operatorId, o) => ({
          operatorId,
          name: snapshot.operators.names[o]!,
          memberState: snapshot.memberStates[snapshot.operators.memberState[o]!]!,
          quantity: qty[o]!,
        }));
        this.current = { result, operators, generatedAt: new Date().toISOString() };
        this.views.clear();
        this.log?.info({ ms: Date.now() - started, assets: count, findings: result.findings.length }, 'dashboard assessment computed');
        return this.current;
      })
      .finally(() => {
        this.computing = undefined;
      });
    return this.computing;
  }

  /** The inventory changed: drop the views; the next request recomputes. */
  invalidate(): void {
    this.stale = true;
    this.views.clear();
  }

  get ready(): boolean {
    return this.current !== undefined && !this.stale;
  }

  /** The scope's dashboard as JSON text. */
  async json(scope: Scope): Promise<string> {
    let current = this.current;
    if (!current || this.stale || current.result.date !== this.date()) current = await this.refresh();
    const key = scopeKey(scope);
    let text = this.views.get(key);
    if (text === undefined) {
      text = JSON.stringify(dashboardView(current.result, current.operators, scope, current.generatedAt));
      this.views.set(key, text);
    }
    return text;
  }
}
