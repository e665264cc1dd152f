import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { EffectivePolicy } from '../../catalog/index.js';
import type { Policy } from '../../domain/index.js';
import { ImportError, UserError } from '../../domain/errors.js';
import type { Store } from '../../store/index.js';
import { json } from '../io.js';
import { EXIT, type CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(`cannot read ${file}: no such file`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportError(basename(file), undefined, undefined, `not valid JSON: ${(err as Error).message}`);
  }
}

async function memberState(value: string): Promise<string> {
  const { MemberStateCode } = await import('../../domain/index.js');
  const r = MemberStateCode.safeParse(value);
  if (!r.success) throw new UserError(`member state "${value}" ${r.error.issues[0]?.message ?? 'is invalid'}`);
  return r.data;
}

/** A stored version's effective policy; `baseline` stands for the secure5g default alone. */
async function storedEffective(store: Store, ms: string, version: string): Promise<EffectivePolicy> {
  const { BASELINE_VERSION } = await import('../../domain/policy-check.js');
  const { resolvePolicy } = await import('../../catalog/index.js');
  const { getPolicyVersion, listPolicyVersions } = await import('../../store/policies.js');
  if (version === BASELINE_VERSION) return resolvePolicy(ms);
  const v = getPolicyVersion(store, ms, version);
  if (!v) {
    const known = listPolicyVersions(store, ms).map((x) => x.version);
    throw new UserError(`${ms} has no policy version "${version}" (stored: ${known.join(', ') || 'none'}; "${BASELINE_VERSION}" names the secure5g default (not an EU rule))`);
  }
  return resolvePolicy(ms, v.policy);
}

export function registerPolicies(program: Command, { io, setExit }: CommandContext): void {
  const policy = program
    .command('policy')
    .description('national policies as versioned data: validate, list, show, compare; import with `secure5g import policies <file>`');

  policy
    .command('validate')
    .description('check a policy file (one policy, an array, or {"policies": [...]}) without storing it')
    .argument('<file>', 'policy JSON')
    .addOption(formatOption())
    .action(async (file: string, opts: { format: string }) => {
      const { policyItems, policyValidation } = await import('../../interchange/policy-validate.js');
      const { ImportErrors, MAX_ERRORS } = await import('../../interchange/import/errors.js');
      const format = outputFormat(opts.format, FORMATS);
      const name = basename(file);
      const results = policyItems(await readJson(file)).map((item, i) => ({ row: i + 1, ...policyValidation(item, name, i + 1) }));
      const errors = results.flatMap((r) => r.errors);
      if (format === 'json') {
        const issue = (e: ImportError) => ({ path: e.field ?? null, message: e.reason });
        io.out(
          json({
            file: name,
            valid: errors.length === 0,
            policies: results.map((r) => ({
              row: r.row,
              memberState: r.policy?.member_state ?? null,
              version: r.policy?.version ?? null,
              valid: r.errors.length === 0,
              errors: r.errors.map(issue),
              warnings: r.warnings.map(issue),
            })),
          }),
        );
        if (errors.length > 0) setExit(EXIT.usage);
        return;
      }
      for (const r of results) {
        if (r.policy) io.out(`ok: ${name}, row ${r.row}: ${r.policy.member_state} version ${r.policy.version}\n`);
        for (const w of r.warnings) io.out(`warning: ${w.message}\n`);
      }
      if (errors.length > 0) throw new ImportErrors(name, errors.slice(0, MAX_ERRORS), errors.length > MAX_ERRORS);
    });

  policy
    .command('list')
    .description('stored policy versions, oldest first; the last of each member state is in force')
    .option('--member-state <code>', 'only this member state')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { memberState?: string; format: string; db?: string }) => {
      const { listPolicyVersions } = await import('../../store/policies.js');
      const { policyListText } = await import('../../report/policy.js');
      const { MemberStateCode } = await import('../../domain/index.js');
      const format = outputFormat(opts.format, FORMATS);
      const ms = opts.memberState === undefined ? undefined : parseOption(MemberStateCode, opts.memberState, '--member-state');
      await withStore(opts.db, async (store) => {
        const versions = listPolicyVersions(store, ms);
        io.out(format === 'json' ? json(versions) : policyListText(versions));
      });
    });

  policy
    .command('show')
    .description("a member state's policy: the version in force (or --version), or with --effective the rules that apply (baseline + national)")
    .argument('<member-state>')
    .option('--version <version>', 'a stored version instead of the one in force')
    .option('--effective', 'the effective policy: the secure5g default (not an EU rule) with the national policy over it')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (msArg: string, opts: { version?: string; effective?: boolean; format: string; db?: string }) => {
      const { getPolicyVersion } = await import('../../store/policies.js');
      const { effectivePolicyText, storedPolicyText } = await import('../../report/policy.js');
      const { resolvePolicy } = await import('../../catalog/index.js');
      const format = outputFormat(opts.format, FORMATS);
      const ms = await memberState(msArg);
      await withStore(opts.db, async (store) => {
        const v = getPolicyVersion(store, ms, opts.version);
        if (opts.version !== undefined && !v) await storedEffective(store, ms, opts.version); // throws, naming the stored versions
        if (opts.effective) {
          const effective = resolvePolicy(ms, v?.policy);
          io.out(format === 'json' ? json(effective) : effectivePolicyText(effective, v?.policy));
          return;
        }
        if (!v) throw new UserError(`${ms} has no national policy: the secure5g default (not an EU rule) applies (see: secure5g policy show ${ms} --effective)`);
        io.out(format === 'json' ? json(v) : storedPolicyText(v, resolvePolicy(ms, v.policy)));
      });
    });

  policy
    .command('diff')
    .description('what changes between two versions, on the effective values: <member-state> <v1> <v2> (stored; "baseline" for the secure5g default (not an EU rule)) or <file1> <file2>')
    .argument('<a>', 'member state, or the first policy file')
    .argument('<b>', 'first version, or the second policy file')
    .argument('[c]', 'second version')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (a: string, b: string, c: string | undefined, opts: { format: string; db?: string }) => {
      const { policyDiffText } = await import('../../report/policy.js');
      const { validatePolicy } = await import('../../interchange/policy-validate.js');
      const { diffEffectivePolicies } = await import('../../engine/policy-diff.js');
      const { resolvePolicy } = await import('../../catalog/index.js');
      const format = outputFormat(opts.format, FORMATS);
      let diff;
      if (c === undefined) {
        const [x, y] = await Promise.all([a, b].map(async (f): Promise<Policy> => validatePolicy(await readJson(f), basename(f))));
        diff = diffEffectivePolicies(resolvePolicy(x!.member_state, x), resolvePolicy(y!.member_state, y));
      } else {
        const ms = await memberState(a);
        diff = await withStore(opts.db, async (store) => diffEffectivePolicies(await storedEffective(store, ms, b), await storedEffective(store, ms, c)));
      }
      io.out(format === 'json' ? json(diff) : policyDiffText(diff));
    });

  policy
    .command('baseline')
    .description('the secure5g default (not an EU rule): the rules where a member state has no national policy, and the fallback of every field a national policy leaves out')
    .addOption(formatOption())
    .action(async (opts: { format: string }) => {
      const format = outputFormat(opts.format, FORMATS);
      const { BASELINE_POLICY } = await import('../../catalog/index.js');
      const { baselineText } = await import('../../report/policy.js');
      io.out(format === 'json' ? json(BASELINE_POLICY) : baselineText({ ...BASELINE_POLICY, memberState: 'EU' }));
    });
}
