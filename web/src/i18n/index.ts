import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';

/*
 * Every string the interface shows comes from a message catalogue: en.json and fr.json hold the same
 * keys (test/web/i18n.test.ts). The language is the user's choice (kept in localStorage), else the
 * browser's, else English; <html lang> follows it.
 */

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

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  // React escapes what it renders
  interpolation: { escapeValue: false },
});

const follow = (lng: string) => {
  document.documentElement.lang = lng;
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
};
follow(i18next.language);
i18next.on('languageChanged', follow);

export default i18next;
