/**
 * Defence in depth for stored text. The widget redacts questions and comments before they leave the
 * device (DESIGN.md), but another client may not: before the server stores free text it masks, bluntly,
 * every e-mail address and every run of nine or more digits (ID card and phone numbers), keeping dossier
 * codes, which name a file rather than a person. The staff page shows stored questions, so this matters.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Digits with single spaces, dots or dashes between groups, optionally after `+`. */
const DIGIT_RUN = /\+?\d(?:[ .-]?\d)*/g;
const DOSSIER_CODE = /(?:[A-Z0-9]{2,4}\.){1,4}[A-Z0-9]{2,4}-\d{6}-\d{4,5}/giu;

export const SCRUB_MASKS = Object.freeze({ email: "[email]", number: "[số]" });

/**
 * Masks e-mail addresses and long digit runs.
 *
 * @example
 * scrub("CCCD 001099012345, gọi 0912 345 678, hồ sơ H01.99-260101-0001");
 * // "CCCD [số], gọi [số], hồ sơ H01.99-260101-0001"
 */
export function scrub(text: string): string {
  const kept: string[] = [];
  const shielded = text.replace(DOSSIER_CODE, (code) => `\uE000${String.fromCharCode(0xe100 + kept.push(code) - 1)}`);
  return shielded
    .replace(EMAIL, SCRUB_MASKS.email)
    .replace(DIGIT_RUN, (run) => (run.replace(/\D/g, "").length >= 9 ? SCRUB_MASKS.number : run))
    .replace(/\uE000([\uE100-\uF8FF])/g, (_all, index: string) => kept[index.charCodeAt(0) - 0xe100] ?? "");
}
