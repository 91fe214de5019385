import type { Lang } from '../config/schema.js';
import { en } from './en.js';
import { vi } from './vi.js';

export { langFromTag } from './lang.js';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : readonly string[] };

/** Every UI string, keyed; the Vietnamese dictionary is the reference shape. */
export type Messages = Widen<typeof vi>;
export type MessageKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

const DICTIONARIES: Readonly<Record<Lang, Messages>> = Object.freeze({ vi, en });

/**
 * Looks up a UI string and fills `{name}` placeholders.
 *
 * @example t('vi', 'updated', { date: '15/01/2026' }) // "Cập nhật 15/01/2026"
 */
export function t(lang: Lang, key: MessageKey, params: Record<string, string> = {}): string {
  const template = DICTIONARIES[lang][key] ?? vi[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** A list of strings, such as the greeting's suggested questions. */
export function list(lang: Lang, key: 'suggestedQuestions'): readonly string[] {
  return DICTIONARIES[lang][key];
}

/** Dates as citizens write them: 15/01/2026 in Vietnamese, 15 Jan 2026 in English. */
export function formatDate(lang: Lang, isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  if (!y || !m || !d) return isoDate;
  if (lang === 'vi') return `${d}/${m}/${y}`;
  const month = new Date(Date.UTC(+y, +m - 1, +d)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${+d} ${month} ${y}`;
}
