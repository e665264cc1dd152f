import { useTranslation } from 'react-i18next';

/*
 * Numbers and dates as the reader's language writes them (Intl). Dates from the API are ISO days
 * (YYYY-MM-DD) or instants; a day is shown as that calendar day whatever the reader's time zone.
 */

export interface Format {
  number(n: number, digits?: number): string;
  percent(share: number, digits?: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

export function formatFor(language: string): Format {
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    number: (n, digits = 0) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(n),
    percent: (share, digits = 0) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: digits }).format(share),
    date: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? day.format(new Date(`${iso}T00:00:00Z`)) : day.format(new Date(iso))),
    dateTime: (iso) => instant.format(new Date(iso)),
  };
}

export function useFormat(): Format {
  const { i18n } = useTranslation();
  return formatFor(i18n.language);
}
