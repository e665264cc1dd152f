import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo, type Io } from '../../src/cli/io.js';
import { buildProgram, leafCommands, run } from '../../src/cli/main.js';
import { cli, FIXTURE, importSmallNetwork, tempDb } from './helpers.js';

/*
 * One convention for machines: every command takes --format json; its output then parses as JSON, and
 * an error is one JSON object on stderr ({"error": {kind, message, …, exitCode}}) with the exit code the
 * text mode gives. The table below names every command the CLI has — a command added without a row
 * fails the first test — with arguments that succeed, or the error expected of them.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const IMPORT = join(ROOT, 'test', 'fixtures', 'import');
const EXAMPLES = join(ROOT, 'examples');

let t: ReturnType<typeof tempDb>;
// placeholders: DB the database with the small network, DIR the temporary folder
type Row = [args: string[], exit: 0 | 1 | 2];
const ROWS: Record<string, Row> = {
  init: [['init', '--db', 'DIR/new.db'], 0],
  import: [['import', 'policies', join(IMPORT, 'policies.json')], 0],
  'assets list': [['assets', 'list', '--function', 'gNB'], 0],
  'assets decommission': [['assets', 'decommission', 'NO-SUCH-ASSET'], 2],
  assess: [['assess', '--fail-on', 'info'], 1],
  'assessment list': [['assessment', 'list'], 0],
  'assessment show': [['assessment', 'show', 'latest'], 0],
  demo: [['demo', '--scale', 'galactic'], 2],
  'catalog export': [['catalog', 'export'], 0],
  simulate: [['simulate', '--scenario', 'DIR/cap.json'], 0],
  // the examples name the demo's suppliers, which the small network does not have: refused, naming the field
  compare: [['compare', 'DIR/cap.json', join(EXAMPLES, 'scenarios', 'ran-cap-35.json')], 2],
  'scenario save': [['scenario', 'save', join(EXAMPLES, 'scenarios', 'ran-cap-35.json')], 0],
  'scenario list': [['scenario', 'list'], 0],
  'scenario show': [['scenario', 'show', 'no-such-scenario'], 2],
  start: [['start', '--db', 'DIR/start.db'], 0],
  serve: [['serve', '--port', 'eighty'], 2],
  'users create-admin': [['users', 'create-admin', '--username', 'root-admin'], 0],
  'users create-demo': [['users', 'create-demo'], 0],
  'users disable-demo': [['users', 'disable-demo'], 0],
  'users list': [['users', 'list'], 0],
  'users reset-2fa': [['users', 'reset-2fa', 'nobody-here'], 2],
  'audit verify': [['audit', 'verify'], 0],
  'entity import': [['entity', 'import', join(EXAMPLES, 'registers', 'entities.csv')], 0],
  'entity list': [['entity', 'list'], 0],
  'entity show': [['entity', 'show', 'NO-SUCH-ENTITY'], 2],
  'holding import': [['holding', 'import', 'DIR/holdings.csv'], 2],
  'holding list': [['holding', 'list'], 0],
  'supplier control': [['supplier', 'control', 'SUP-A'], 0],
  'bom import': [['bom', 'import', '--product', 'P-A-GNB', join(ROOT, 'test', 'fixtures', 'cyclonedx', 'gnb-du-1.6.json')], 0],
  'bom list': [['bom', 'list'], 0],
  'product origins': [['product', 'origins', 'P-A-GNB'], 0],
  'certificates list': [['certificates', 'list'], 0],
  'profile create': [['profile', 'create', 'DIR/not-there.json'], 2],
  'profile list': [['profile', 'list'], 0],
  'profile show': [['profile', 'show', 'NO-SUCH-PROFILE'], 2],
  'profile history': [['profile', 'history', 'NO-SUCH-PROFILE'], 2],
  'profile diff': [['profile', 'diff', 'NO-SUCH-PROFILE', '1', '2'], 2],
  'profile suggest': [['profile', 'suggest', 'SUP-A', '--member-state', 'DE'], 0],
  'profile facts record': [['profile', 'facts', 'record', 'SUP-A', '--member-state', 'DE', '--source', 'annual report (fictional)', '--export-control', 'no'], 0],
  'profile facts list': [['profile', 'facts', 'list'], 0],
  'designation create': [['designation', 'create', '--id', 'D-FR-9', '--member-state', 'FR', '--supplier', 'SUP-C', '--kind', 'restricted', '--segments', 'core', '--legal-basis', 'Fictional act', '--effective-date', '2026-01-01', '--status', 'in-force'], 0],
  'designation amend': [['designation', 'amend', 'D-DE-1', '--legal-basis', 'Fictional act, amended'], 0],
  'designation revoke': [['designation', 'revoke', 'D-FR-9', '--date', '2026-06-01'], 0],
  'designation list': [['designation', 'list'], 0],
  'designation show': [['designation', 'show', 'D-DE-1'], 0],
  'designation history': [['designation', 'history', 'D-DE-1'], 0],
  'designation diff': [['designation', 'diff', 'D-DE-1', '1', '2'], 0],
  'policy validate': [['policy', 'validate', join(IMPORT, 'policies.json')], 0],
  'policy list': [['policy', 'list'], 0],
  'policy show': [['policy', 'show', 'DE'], 0],
  'policy diff': [['policy', 'diff', 'DE', 'baseline', '2025-1'], 0],
  'policy baseline': [['policy', 'baseline'], 0],
  // the example register names the demo's operators: every row refused is listed
  'implementation import': [['implementation', 'import', join(EXAMPLES, 'registers', 'implementation.csv')], 2],
  'implementation record': [['implementation', 'record', '--measure', 'TM09', '--scope', 'member-state', '--member-state', 'FR', '--status', 'planned'], 0],
  'implementation list': [['implementation', 'list'], 0],
  'implementation history': [['implementation', 'history', 'TM09', 'FR'], 0],
  'implementation matrix': [['implementation', 'matrix'], 0],
  'implementation template': [['implementation', 'template', 'DIR/template.csv'], 0],
  'funding check': [['funding', 'check', join(EXAMPLES, 'funding', 'project.json')], 0],
  'funding list': [['funding', 'list'], 0],
  'screening import': [['screening', 'import', join(EXAMPLES, 'registers', 'screening-cases.csv')], 2],
  'screening add': [['screening', 'add', 'DIR/not-there.json'], 2],
  'screening list': [['screening', 'list'], 0],
  'screening show': [['screening', 'show', 'FDI-DE-2026-001'], 2],
  'screening review-flags': [['screening', 'review-flags'], 0],
  backup: [['backup', '--out', 'DIR/backup.db'], 0],
  restore: [['restore', 'DIR/not-a-backup.db', '--db', 'DIR/restored.db'], 2],
};

const expand = (args: string[]) => args.map((a) => a.replace('DIR/', `${t.dir}/`));

beforeAll(async () => {
  t = tempDb();
  await importSmallNetwork(t.db);
  // a holdings file naming an entity nobody declared: refused, naming the file, row and field
  writeFileSync(join(t.dir, 'holdings.csv'), 'holder_id,held_id,percentage,voting_rights,control,since\nNOBODY,SUP-A,10,,,2020-01-01\n');
  const cap = JSON.parse(readFileSync(join(EXAMPLES, 'scenarios', 'ran-cap-35.json'), 'utf8')) as { restrictions: { suppliers: string[] }[]; replacement: unknown };
  cap.restrictions[0]!.suppliers = ['SUP-B'];
  cap.replacement = { strategy: 'proportional' };
  writeFileSync(join(t.dir, 'cap.json'), JSON.stringify(cap));
}, 120_000);
afterAll(() => t.cleanup());

describe('--format json on every command', () => {
  it('the table names every command of the CLI, and each takes --format with json', () => {
    const leaves = leafCommands(buildProgram(bufferIo(), () => undefined));
    expect(Object.keys(ROWS).sort()).toEqual(leaves.map((l) => l.path.join(' ')).sort());
    for (const { path, command } of leaves) {
      const format = command.options.find((o) => o.long === '--format');
      expect(format?.description, path.join(' ')).toMatch(/\bjson\b/);
    }
  });

  // in order: later rows read what earlier ones wrote (assess before assessment show, create before revoke)
  const takesDb = new Set(leafCommands(buildProgram(bufferIo(), () => undefined)).filter((l) => l.command.options.some((o) => o.long === '--db')).map((l) => l.path.join(' ')));
  it.each(Object.entries(ROWS))('%s', async (name, [args, exit]) => {
    const argv = [...expand(args), '--format', 'json'];
    if (!argv.includes('--db') && takesDb.has(name)) argv.push('--db', t.db);
    const r = await cli(...argv);
    expect(r.code, r.stderr).toBe(exit);
    if (exit === 2) {
      expect(r.stdout).toBe('');
      const error = JSON.parse(r.stderr) as { error: { kind: string; message: string; exitCode: number } };
      expect(error.error.exitCode).toBe(2);
      expect(error.error.message.length).toBeGreaterThan(0);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    } else {
      expect(r.stderr).toBe('');
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });
});

describe('errors as JSON, one per exit code', () => {
  it('1: a verdict is no error: the result on stdout, stderr empty', async () => {
    const r = await cli('assess', '--no-save', '--fail-on', 'info', '--format', 'json', '--db', t.db);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('2: a command-line mistake (unknown option) is a usage error', async () => {
    const r = await cli('assets', 'list', '--colour', 'red', '--format', 'json', '--db', t.db);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({ error: { kind: 'usage', message: "unknown option '--colour'", exitCode: 2 } });
  });

  it('2: an input file refused names the file, row and field', async () => {
    const bad = join(t.dir, 'assets.csv');
    writeFileSync(bad, 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support\nX-1,OP-DE-1,ran,gNB,SUP-A,,,-3,,,\n');
    const r = await cli('import', 'assets', bad, '--format', 'json', '--db', t.db);
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stderr) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ kind: 'input', file: 'assets.csv', row: 1, field: 'quantity', exitCode: 2 });
  });

  it('2: a missing database, and a bad --format value, in JSON too', async () => {
    const r = await cli('policy', 'list', '--format', 'json', '--db', join(t.dir, 'typo.db'));
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { kind: 'usage', exitCode: 2 } });
    const f = await cli('policy', 'list', '--format', 'yaml', '--db', t.db);
    expect([f.code, f.stderr]).toEqual([2, 'error: option --format: must be table or json (got "yaml")\n']);
  });

  it('3: a defect is an internal error, without a stack', async () => {
    const io: Io = { ...bufferIo(), out: () => { throw new Error('disk full'); } };
    let err = '';
    io.err = (s) => void (err += s);
    const code = await run(['policy', 'baseline', '--format', 'json'], io);
    expect(code).toBe(3);
    expect(JSON.parse(err)).toEqual({ error: { kind: 'internal', message: 'internal error: disk full (please report this)', exitCode: 3 } });
  });

  it('text mode is unchanged: the same failure prints a line, not JSON', async () => {
    const r = await cli('assets', 'list', '--colour', 'red', '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--colour'\n");
  });
});
