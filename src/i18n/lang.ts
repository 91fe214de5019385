import type { Lang } from '../config/schema.js';

/** The interface language for a page language tag such as `vi-VN` or `en-GB`. */
export function langFromTag(tag: string | null | undefined): Lang {
  return /^en\b/i.test(tag ?? '') ? 'en' : 'vi';
}
