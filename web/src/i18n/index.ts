import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

/*
 * Every string the interface shows comes from a message catalogue: one folder per language (en/, fr/),
 * one file per area of the interface (common.json, dashboard.json, …) so pages can be added without
 * touching each other's strings. A file holds whole top-level sections; a section lives in one file
 * only, and every language holds the same keys (test/web/i18n.test.ts). The language is the user's
 * choice (kept in localStorage by chooseLanguage), else the browser's, else English; <html lang> follows it.
 *
 * English, the fallback, is part of the first page's script; every other language is its own chunks,
 * fetched when it is first chosen (main.tsx waits for the reader's language before the first render,
 * so no page shows in English first). More EU languages then cost nothing to those who do not use them.
 */

type Catalogue = Record<string, unknown>;
const merge = (files: Record<string, Catalogue>): Catalogue => Object.assign({}, ...Object.values(files));
const en = merge(import.meta.glob<Catalogue>('./en/*.json', { eager: true, import: 'default' }));
const LAZY: Record<string, Record<string, () => Promise<Catalogue>>> = {
  fr: import.meta.glob<Catalogue>('./fr/*.json', { import: 'default' }),
};

/** i18next's way of loading a language it does not hold yet: the language's files, merged. */
const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, _ns, done) {
    const files = LAZY[lng];
    if (!files) return done(null, {});
    Promise.all(Object.values(files).map((load) => load())).then(
      (parts) => done(null, Object.assign({}, ...parts) as Catalogue),
      (err: unknown) => done(err instanceof Error ? err.message : String(err), false),
    );
  },
};

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'secure5g.language';

const isLanguage = (l: string | null | undefined): l is Language => LANGUAGES.includes(l as Language);

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** Resolves once the reader's language is loaded (render after it). */
export const i18nReady = i18next.use(lazyCatalogues).use(initReactI18next).init({
  resources: { en: { translation: en } },
  // English is held; others come through lazyCatalogues
  partialBundledLanguages: true,
  lng: initialLanguage(),
  fallbackLng: 'en',
  // React escapes what it renders
  interpolation: { escapeValue: false },
});

const follow = (lng: string) => {
  document.documentElement.lang = lng;
};
follow(i18next.language);
i18next.on('languageChanged', follow);

/**
 * The reader's choice: kept, then shown. Only a choice is kept — not every language change — because
 * i18next announces the start-up language only once its catalogue has loaded, and writing it then would
 * overwrite a choice made meanwhile (in another tab, say).
 */
export function chooseLanguage(lng: Language): Promise<unknown> {
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  return i18next.changeLanguage(lng);
}

export default i18next;
