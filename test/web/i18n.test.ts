import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/* The message catalogues of the web interface: the same keys in every language, and every key used exists. */

const DIR = join(import.meta.dirname, '..', '..', 'web', 'src');
type Catalogue = Record<string, unknown>;
const files = (lang: string) => readdirSync(join(DIR, 'i18n', lang)).filter((f) => f.endsWith('.json')).sort();
const read = (lang: string, file: string) => JSON.parse(readFileSync(join(DIR, 'i18n', lang, file), 'utf8')) as Catalogue;
/** a language's catalogue as the interface merges it (web/src/i18n/index.ts): the files' sections side by side */
const load = (lang: string): Catalogue => Object.assign({}, ...files(lang).map((f) => read(lang, f)));
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

describe('message catalogues (web/src/i18n)', () => {
  const en = keys(load('en')).sort();
  const fr = keys(load('fr')).sort();

  it('each language has the same files, and a top-level section lives in one file only', () => {
    expect(files('fr')).toEqual(files('en'));
    for (const lang of ['en', 'fr']) {
      const owner = new Map<string, string>();
      for (const f of files(lang))
        for (const section of Object.keys(read(lang, f))) {
          expect(owner.get(section), `${lang}/${f}: section "${section}" also in ${owner.get(section)}`).toBeUndefined();
          owner.set(section, f);
        }
    }
  });

  it('English and French hold the same keys', () => {
    expect(fr.filter((k) => !en.includes(k)), 'in fr/ only').toEqual([]);
    expect(en.filter((k) => !fr.includes(k)), 'in en/ only').toEqual([]);
  });

  it('no string is left untranslated or empty', () => {
    const flat = (o: Record<string, unknown>) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<unknown>((v, p) => (v as Record<string, unknown>)[p], o)]));
    const e = flat(load('en'));
    const f = flat(load('fr'));
    expect(Object.entries(e).filter(([, v]) => v === '').map(([k]) => k)).toEqual([]);
    // the same text in both is fine for names (secure5g, English, Français, Segment…), suspicious for sentences
    const same = Object.keys(e).filter((k) => e[k] === f[k] && String(e[k]).includes(' '));
    expect(same).toEqual([]);
  });

  it('every literal key the code asks for exists', () => {
    const used = new Set<string>();
    for (const file of sources(DIR)) for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !en.includes(k))).toEqual([]);
  });
});
