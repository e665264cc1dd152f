import { findFunction } from '../../catalog/segments.js';
import { certificateProblems } from '../../domain/certificate.js';
import { designationProblems } from '../../domain/entities.js';
import { textProblem } from '../../domain/text.js';
import { citedProfileKey, profileReferenceProblem } from '../../store/designation-rows.js';
import type { KindSpec } from './kinds.js';
import { detached, FAIL, isAbsent } from './fields.js';

/** One rejected field of one row; `row` is 1-based, header excluded. */
export interface RowError {
  row: number;
  field?: string;
  reason: string;
}

/** What rows may refer to: the store's contents when the import starts. */
export interface References {
  operators: ReadonlySet<string>;
  suppliers: ReadonlySet<string>;
  /** product id → its supplier id */
  productSupplier: ReadonlyMap<string, string>;
  designations: DesignationReferences;
}

/** What designation rows need beyond the suppliers; plain objects, so they travel to a worker as they are. */
export interface DesignationReferences {
  /** member state → default transition months of its policy in force (every member state) */
  transitionMonths: Readonly<Record<string, number>>;
  /** citedProfileKey(member state, profile id, version) → the supplier of every recorded profile version */
  profileSuppliers: Readonly<Record<string, string>>;
}

/** Distinct values remembered per column; past this the column is simply checked each time. */
const MEMO_MAX = 4096;
const ABSENT: unique symbol = Symbol('absent');

type Check = (values: unknown[], row: number, errors: RowError[]) => void;

/**
 * Turns one raw row (values in the kind's column order, undefined where the column is absent) into the
 * SQL values to write, or records why not. The fast validators decide; a row they reject is parsed by
 * the zod schema, whose messages are the ones reported.
 */
export class RowValidator {
  private readonly width: number;
  private readonly check: Check;
  private readonly names: string[];
  private readonly missing: number[] = [];
  /** reused for every row: validate()'s result is only valid until the next call */
  private readonly out: unknown[];
  /**
   * Per column (not the key), the accepted raw strings and their values: operator, segment, supplier,
   * dates… repeat across millions of rows, and a lookup costs less than checking again. The fast
   * validators are pure, so a remembered result is the result; a rejected value is never remembered.
   */
  private readonly memos: (Map<string, unknown> | undefined)[];

  constructor(
    private readonly spec: KindSpec,
    refs: References,
  ) {
    this.width = spec.columns.length;
    this.names = spec.columns.map((c) => c.name);
    this.check = crossChecks(spec, refs);
    this.out = new Array<unknown>(this.width).fill(undefined);
    this.memos = spec.columns.map((c) => (c.name === spec.key ? undefined : new Map<string, unknown>()));
  }

  /** The row's SQL values (an array reused by the next call), or undefined with the reasons in `errors`. */
  validate(raw: readonly unknown[], row: number, errors: RowError[]): unknown[] | undefined {
    const cols = this.spec.columns;
    const out = this.out;
    let slow = false;
    let refused = false;
    this.missing.length = 0;
    for (let c = 0; c < this.width; c++) {
      const col = cols[c]!;
      const v = raw[c];
      if (col.required && isAbsent(v)) {
        this.missing.push(c);
        continue;
      }
      const memo = this.memos[c];
      if (memo !== undefined && typeof v === 'string') {
        const m = memo.get(v);
        if (m !== undefined) {
          out[c] = m === ABSENT ? undefined : m;
          continue;
        }
      }
      // text that is not text (NUL, a lone surrogate) is refused whatever the column; a remembered value passed already
      const unclean = typeof v === 'string' ? textProblem(v) : undefined;
      if (unclean) {
        errors.push({ row, field: col.name, reason: unclean });
        refused = true;
        continue;
      }
      const p = col.fast(v);
      if (p === FAIL) slow = true;
      else {
        out[c] = p;
        if (memo !== undefined && typeof v === 'string' && memo.size < MEMO_MAX) {
          memo.set(detached(v), p === undefined ? ABSENT : typeof p === 'string' ? detached(p) : p);
        }
      }
    }
    if (refused) return undefined;
    if (slow || this.missing.length > 0) return this.slowPath(raw, row, errors);
    return this.finish(out, row, errors);
  }

  /** The reference path: zod words the errors; a row zod accepts is taken as zod returns it. */
  private slowPath(raw: readonly unknown[], row: number, errors: RowError[]): unknown[] | undefined {
    const missing = new Set(this.missing.map((c) => this.names[c]!));
    for (const name of missing) errors.push({ row, field: name, reason: 'is required' });
    const obj: Record<string, unknown> = {};
    for (let c = 0; c < this.width; c++) if (raw[c] !== undefined) obj[this.names[c]!] = raw[c];
    const r = this.spec.schema.safeParse(obj);
    if (!r.success) {
      // one error per field: a value that is no date also fails the calendar check, and saying so adds nothing
      const said = new Set<string>();
      for (const issue of r.error.issues) {
        const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
        if (field !== undefined && (missing.has(field) || said.has(field))) continue;
        if (field !== undefined) said.add(field);
        const item = typeof issue.path[1] === 'number' ? `item ${issue.path[1] + 1} ` : '';
        errors.push({ row, ...(field !== undefined ? { field } : {}), reason: item + issue.message });
      }
      return undefined;
    }
    if (missing.size > 0) return undefined;
    return this.finish(
      this.names.map((n) => r.data[n]),
      row,
      errors,
    );
  }

  private finish(parsed: unknown[], row: number, errors: RowError[]): unknown[] | undefined {
    const before = errors.length;
    this.check(parsed, row, errors);
    if (errors.length > before) return undefined;
    const cols = this.spec.columns;
    for (let c = 0; c < this.width; c++) {
      const v = parsed[c];
      const toSql = cols[c]!.toSql;
      parsed[c] = toSql ? toSql(v) : v === undefined ? null : v;
    }
    return parsed;
  }
}

/** Rules beyond the row schema: catalogue functions and references to what the store holds. */
function crossChecks(spec: KindSpec, refs: References): Check {
  const at = (name: string) => spec.columns.findIndex((c) => c.name === name);
  const known = (set: ReadonlySet<string> | ReadonlyMap<string, string>, c: number, what: string, plural: string): Check =>
    (v, row, errors) => {
      const id = v[c] as string;
      if (!set.has(id)) errors.push({ row, field: spec.columns[c]!.name, reason: `unknown ${what} "${id}" (import ${plural} first)` });
    };
  switch (spec.kind) {
    case 'operators':
    case 'suppliers':
      return () => {};
    case 'designations': {
      const supplier = known(refs.suppliers, at('supplier_id'), 'supplier', 'suppliers');
      const [sup, ms, dec, eff, tm, pid, pv, st, rev] = [
        'supplier_id', 'member_state', 'decision_date', 'effective_date', 'transition_months', 'profile_id', 'profile_version', 'status', 'revoked_on',
      ].map(at) as [number, number, number, number, number, number, number, number, number];
      const { transitionMonths, profileSuppliers } = refs.designations;
      return (v, row, errors) => {
        supplier(v, row, errors);
        const d = {
          decision_date: v[dec] as string | undefined,
          effective_date: v[eff] as string,
          profile_id: v[pid] as string | undefined,
          profile_version: v[pv] as number | undefined,
          status: v[st] as string | undefined,
          revoked_on: rev < 0 ? undefined : (v[rev] as string | undefined),
        };
        for (const p of designationProblems(d)) errors.push({ row, field: p.field, reason: p.message });
        if (d.profile_id !== undefined && d.profile_version !== undefined) {
          const problem = profileReferenceProblem(d.profile_id, d.profile_version, v[sup] as string, profileSuppliers[citedProfileKey(v[ms] as string, d.profile_id, d.profile_version)]);
          if (problem) errors.push({ row, field: 'profile_id', reason: problem });
        }
        // a row without a transition period takes its member state's policy default, as any designation write does
        if (v[tm] === undefined) v[tm] = transitionMonths[v[ms] as string];
      };
    }
    case 'products': {
      const supplier = known(refs.suppliers, at('supplier_id'), 'supplier', 'suppliers');
      const fn = at('function');
      return (v, row, errors) => {
        supplier(v, row, errors);
        if (!findFunction(v[fn] as string)) {
          errors.push({ row, field: 'function', reason: `"${String(v[fn])}" is not a function of the catalogue` });
        }
      };
    }
    case 'certificates': {
      const product = known(refs.productSupplier, at('product_id'), 'product', 'products');
      const [from, until] = [at('valid_from'), at('valid_until')];
      return (v, row, errors) => {
        product(v, row, errors);
        for (const p of certificateProblems({ valid_from: v[from] as string, valid_until: v[until] as string | undefined })) errors.push({ row, field: p.field, reason: p.message });
      };
    }
    case 'assets': {
      const operator = known(refs.operators, at('operator_id'), 'operator', 'operators');
      const supplier = known(refs.suppliers, at('supplier_id'), 'supplier', 'suppliers');
      const [seg, fn, sup, prod] = [at('segment'), at('function'), at('supplier_id'), at('product_id')];
      return (v, row, errors) => {
        operator(v, row, errors);
        supplier(v, row, errors);
        const f = findFunction(v[fn] as string);
        if (!f) errors.push({ row, field: 'function', reason: `"${String(v[fn])}" is not a function of the catalogue` });
        else if (f.segment !== v[seg]) {
          errors.push({ row, field: 'function', reason: `"${f.id}" belongs to segment ${f.segment}, not ${String(v[seg])}` });
        }
        const p = v[prod] as string | undefined;
        if (p !== undefined) {
          const owner = refs.productSupplier.get(p);
          if (owner === undefined) errors.push({ row, field: 'product_id', reason: `unknown product "${p}" (import products first)` });
          else if (owner !== v[sup]) {
            errors.push({ row, field: 'product_id', reason: `product "${p}" is supplied by "${owner}", not by "${String(v[sup])}"` });
          }
        }
      };
    }
  }
}
