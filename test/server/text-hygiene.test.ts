import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanText, findUncleanText } from '../../src/domain/index.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

let f: Fixture;
let me: Session;
beforeAll(async () => {
  f = await fixtureApp({ awaitDashboard: false });
  me = await login(f.app, 'auditor-de');
});
afterAll(async () => f.close());

describe('clean text (src/domain/text.ts)', () => {
  it('refuses NUL and lone surrogates, keeps every real character', () => {
    for (const ok of ['plain', 'Ünïcödé — “quotes”', 'emoji \ud83d\ude00 (a surrogate pair)', '', 'tab\tand\nnewline'])
      expect([ok, CleanText.safeParse(ok).success]).toEqual([ok, true]);
    for (const bad of ['a\u0000b', '\u0000', 'high \ud800 alone', 'low \udc00 alone', 'reversed \ude00\ud83d', 'at the end \ud83d'])
      expect([bad, CleanText.safeParse(bad).success]).toEqual([bad, false]);
  });

  it('finds every unclean string of a parsed document by path, keys included', () => {
    expect(findUncleanText({ a: 'ok', b: ['fine', 'x\u0000'], c: { d: '\udc00' }, ['k\u0000']: 1 }, ['body'])).toEqual([
      { path: ['body', 'b', 1], message: 'contains a NUL character' },
      { path: ['body', 'c', 'd'], message: 'contains a lone surrogate (not valid Unicode)' },
      { path: ['body', 'k\u0000'], message: 'its name contains a NUL character' },
    ]);
  });
});

describe('request bodies, queries and paths', () => {
  const newToken = (payload: string) =>
    f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...me.write, 'content-type': 'application/json' }, payload });

  it('refuse a NUL or a lone surrogate in any text field, naming the field', async () => {
    // JSON escapes: what a client sends on the wire
    const nul = await newToken('{"name":"laptop\\u0000script","scope":"read"}');
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ type: 'urn:secure5g:problem:validation', errors: [{ path: 'body.name', message: 'contains a NUL character' }] });
    const lone = await newToken('{"name":"laptop \\ud800","scope":"read"}');
    expect(lone.statusCode).toBe(400);
    expect(lone.json().errors).toEqual([{ path: 'body.name', message: 'contains a lone surrogate (not valid Unicode)' }]);
    // nothing was stored
    expect(f.store.sqlite.prepare("SELECT COUNT(*) FROM api_tokens WHERE name LIKE 'laptop%'").pluck().get()).toBe(0);
    // a real pair is text
    expect((await newToken('{"name":"laptop \\ud83d\\ude00","scope":"read"}')).statusCode).toBe(201);
  });

  it('in the query and the path too', async () => {
    const q = await f.app.inject({ method: 'GET', url: '/api/v1/operators?memberState=D%00E', headers: me.read });
    expect(q.statusCode).toBe(400);
    expect(q.json().errors[0]).toEqual({ path: 'query.memberState', message: 'contains a NUL character' });
    const p = await f.app.inject({ method: 'GET', url: '/api/v1/operators/OP%00DE', headers: me.read });
    expect(p.statusCode).toBe(400);
    expect(p.json().errors[0].path).toBe('params.operatorId');
  });
});

describe('imported files', () => {
  it('refuse a NUL or a lone surrogate in any cell, naming the file, row and field, and write nothing', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { importFile } = await import('../../src/interchange/index.js');
    const count = () => f.store.sqlite.prepare("SELECT COUNT(*) FROM operators WHERE operator_id LIKE 'OP-XX-%'").pluck().get();
    // JSON escapes carry either into a string: record 1 is clean, record 2's name holds a NUL (or a lone
    // surrogate); one transaction, so neither record is written
    const json = join(f.dir, 'operators-nul.json');
    writeFileSync(json, '[{"operator_id":"OP-XX-CLEAN","name":"Clean Net","member_state":"DE","kind":"mno"},{"operator_id":"OP-XX-NUL","name":"Bad\\u0000Net","member_state":"DE","kind":"mno"}]');
    await expect(importFile(f.store, 'operators', json)).rejects.toThrow(/operators-nul\.json, row 2, field name: contains a NUL character/);
    const lone = join(f.dir, 'operators-surrogate.json');
    writeFileSync(lone, '[{"operator_id":"OP-XX-CLEAN","name":"Clean Net","member_state":"DE","kind":"mno"},{"operator_id":"OP-XX-SUR","name":"Bad\\ud800Net","member_state":"DE","kind":"mno"}]');
    await expect(importFile(f.store, 'operators', lone)).rejects.toThrow(/operators-surrogate\.json, row 2, field name: .*surrogate/);
    // in a CSV file a NUL byte is no text at all: the reader refuses the file at that row before any field is read
    const csv = join(f.dir, 'operators-nul.csv');
    writeFileSync(csv, 'operator_id,name,member_state,kind\nOP-XX-CLEAN,Clean Net,DE,mno\nOP-XX-NUL,Bad\u0000Net,DE,mno\n');
    await expect(importFile(f.store, 'operators', csv)).rejects.toThrow(/operators-nul\.csv, row 2: is not UTF-8: byte 0x00 \(NUL\)/);
    expect(count()).toBe(0);
  });
});
