/**
 * Redaction: what the citizen typed is masked before it leaves the device. Pure, no DOM.
 *
 * Masked: 12-digit CCCD and 9-digit CMND numbers, Vietnamese phone numbers (mobile, landline,
 * +84), e-mail addresses. Kept: dossier codes (`H01.99-260101-0001`), which the central API
 * needs to look a dossier up and which identify a file, not a person.
 */

/** The labels that replace what was masked; plain words, so the central chatbot still reads a sentence. */
export const MASKS = Object.freeze({
  id: '[số giấy tờ]',
  phone: '[số điện thoại]',
  email: '[email]',
});

/**
 * A dossier code: dot-separated agency segments, then `-yymmdd-nnnn`.
 * `H01.99-260101-0001`, `000.00.00.H26-250101-0001`.
 */
export const DOSSIER_CODE = /(?<![\p{L}\p{N}.])(?:[A-Z0-9]{2,4}\.){1,4}[A-Z0-9]{2,4}-\d{6}-\d{4,5}(?![\p{L}\p{N}])/giu;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** Digit groups joined by single spaces, dots or dashes, with an optional leading `+`. */
const DIGIT_RUN = /\+?\d+(?:[ .\-]\d+)*/g;
/** A kept code's stand-in: one private-use marker, then one private-use character for its index (no digits). */
const PLACEHOLDER = /\uE000([\uE100-\uF8FF])/g;

type Kind = 'id' | 'phone';

/** What a run of digits (separators removed, `+` kept) is, if it is personal. */
export function classifyDigits(digits: string): Kind | null {
  const plus = digits.startsWith('+');
  const d = plus ? digits.slice(1) : digits;
  if (/^84[1-9]\d{8}$/.test(d) || (plus && /^84[1-9]\d{9}$/.test(d))) return 'phone'; // +84 912 345 678, +84 24 3825 1234
  if (!plus && /^0[1-9]\d{8}$/.test(d)) return 'phone'; // 0912 345 678
  if (!plus && /^02\d{9}$/.test(d)) return 'phone'; // 024 3825 1234 (landline, 11 digits)
  if (d.length === 12 || d.length === 9) return 'id'; // CCCD, CMND
  return null;
}

/**
 * Masks the personal numbers inside one run of digit groups. The whole run is tried first,
 * then the longest windows of consecutive groups from the left, so two numbers typed side by
 * side ("001099012345 0912345678") are both found.
 */
function maskRun(run: string): string {
  const groups = run.match(/\+?\d+/g) ?? [];
  const separators = run.split(/\+?\d+/).slice(1, -1);
  const out: string[] = [];
  let i = 0;
  while (i < groups.length) {
    let matched = -1;
    let kind: Kind | null = null;
    for (let j = groups.length - 1; j >= i && matched < 0; j--) {
      kind = classifyDigits(groups.slice(i, j + 1).join(''));
      if (kind) matched = j;
    }
    if (kind && matched >= 0) {
      out.push(MASKS[kind]);
      if (matched + 1 < groups.length) out.push(separators[matched] ?? ' ');
      i = matched + 1;
    } else {
      out.push(groups[i]!);
      if (i + 1 < groups.length) out.push(separators[i] ?? ' ');
      i += 1;
    }
  }
  return out.join('');
}

/**
 * Masks personal data in free text, keeping dossier codes intact.
 *
 * @param text - What the citizen typed.
 * @returns The same text with ID numbers, phone numbers and e-mail addresses replaced by labels.
 * @example redact('CCCD 001099012345, hồ sơ H01.99-260101-0001') // 'CCCD [số giấy tờ], hồ sơ H01.99-260101-0001'
 */
export function redact(text: string): string {
  const kept: string[] = [];
  // Private-use characters mark the codes we keep; anything the citizen typed there is dropped first.
  const protectedText = text
    .replace(/[\uE000-\uF8FF]/g, '')
    .replace(DOSSIER_CODE, (code) => `\uE000${String.fromCharCode(0xe100 + kept.push(code) - 1)}`);
  const masked = protectedText.replace(EMAIL, MASKS.email).replace(DIGIT_RUN, maskRun);
  return masked.replace(PLACEHOLDER, (_, index: string) => kept[index.charCodeAt(0) - 0xe100] ?? '');
}

/** The dossier codes in a text, upper-cased, each once, in order of appearance. */
export function findDossierCodes(text: string): string[] {
  const codes = (text.match(DOSSIER_CODE) ?? []).map((c) => c.toUpperCase());
  return [...new Set(codes)];
}
