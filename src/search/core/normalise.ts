/**
 * Vietnamese text normalisation: the one normaliser and tokenizer shared by the browser
 * engine and the corpus compiler. Pure string functions, no DOM.
 *
 * Vocabulary used below:
 * - a *syllable* is one space-separated Vietnamese unit ("đăng", "ký"); English words and
 *   numbers are tokens of the same kind;
 * - the *canonical* form of a syllable keeps its accents but writes them one way (tone
 *   on a fixed vowel, `y`/`i` unified), so "hoà"/"hòa" and "kí"/"ký" compare equal;
 * - the *folded* form also drops every accent and writes đ as d ("đăng" → "dang").
 */

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const COMBINING_MARK = /\p{M}/gu;
const NOT_TOKEN_CHAR = /[^\p{L}\p{M}\p{N}]+/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * NFC, lowercase, and look-alike letters mapped to their Vietnamese form.
 *
 * @param text - any user or corpus text; NFC or NFD input are treated alike
 * @returns the text in NFC, lowercased, with `Ð`/`ð` (Icelandic eth, often typed for đ) as `đ`
 * @example normalise('ĐĂNG Ky\u0301') // → 'đăng ký'
 */
export function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ð/g, 'đ');
}

/**
 * Removes every tone and vowel mark and writes đ as d; keeps letter case.
 *
 * @param text - any text
 * @returns the text without diacritics, in NFC
 * @example foldDiacritics('Đăng ký tạm trú') // → 'Dang ky tam tru'
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARK, '')
    .replace(/[đð]/g, 'd')
    .replace(/[ĐÐ]/g, 'D')
    .normalize('NFC');
}

/** Whether the text is plain ASCII (typed without any diacritic). */
export function isAscii(text: string): boolean {
  return ASCII_ONLY.test(text);
}

/**
 * Splits text into normalised tokens: runs of letters, marks and digits. Punctuation,
 * spaces and symbols separate tokens; "A1" and "VNeID" stay whole.
 *
 * @example syllables('Làm lại CCCD ở đâu?') // → ['làm', 'lại', 'cccd', 'ở', 'đâu']
 */
export function syllables(text: string): string[] {
  return normalise(text).split(NOT_TOKEN_CHAR).filter((token) => token.length > 0);
}

/**
 * Pairs of neighbouring tokens joined by `_` (a character no token contains), a cheap
 * stand-in for two-syllable Vietnamese words ("giấy phép" ≠ "phép").
 *
 * @example bigrams(['dang', 'ky', 'tam', 'tru']) // → ['dang_ky', 'ky_tam', 'tam_tru']
 */
export function bigrams(tokens: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) pairs.push(`${tokens[i]}_${tokens[i + 1]}`);
  return pairs;
}

/**
 * The canonical accented form of one normalised token: the tone mark moved to the vowel
 * the classic rule puts it on ("hoà" → "hòa", "thuỷ" → "thủy") and a lone `y` after a
 * consonant written `i` ("ký" → "kí", "lý" → "lí"), both spellings citizens use.
 * Tokens that are not Vietnamese syllables come back unchanged (apart from NFC).
 *
 * @param token - one lowercase token, as returned by {@link syllables}
 * @example canonicalSyllable('hoà') === canonicalSyllable('hòa') // → true
 */
export function canonicalSyllable(token: string): string {
  return memo(canonicalCache, token, canonicalUncached);
}

function canonicalUncached(token: string): string {
  let tone = '';
  let base = '';
  for (const char of token) {
    const letter = VOWEL_LETTERS.get(char);
    if (letter) {
      base += letter[0];
      if (letter[1] !== '') tone = letter[1];
    } else if (char < '\u0080' || char === 'đ') {
      base += char;
    } else {
      return canonicalDecomposed(token);
    }
  }
  const parts = splitSyllable(base);
  return parts ? composeSyllable(parts, tone) : token;
}

/** The general path, for tokens with letters outside the Vietnamese alphabet or stray marks. */
function canonicalDecomposed(token: string): string {
  let tone = '';
  let base = '';
  for (const char of token.normalize('NFD')) {
    if (TONE_MARKS.has(char)) tone = char;
    else base += char;
  }
  const parts = splitSyllable(base.normalize('NFC'));
  if (!parts) return token.normalize('NFC');
  return composeSyllable(parts, tone);
}

/** Each precomposed lowercase Vietnamese vowel → [the vowel without tone, its tone mark or '']. */
const VOWEL_LETTERS: ReadonlyMap<string, readonly [string, string]> = new Map(
  [...'aăâeêioôơuưy'].flatMap((vowel) =>
    ['', ...TONE_MARKS].map((tone) => [(vowel + tone).normalize('NFC'), [vowel, tone] as const] as const),
  ),
);

/**
 * The search key of one token: canonical form without accents.
 *
 * @example foldSyllable('Ký') // → 'ki'
 */
export function foldSyllable(token: string): string {
  return memo(foldCache, token, (key) => foldCanonical(canonicalSyllable(normalise(key))));
}

function foldCanonical(canonical: string): string {
  let folded = '';
  for (const char of canonical) {
    const letter = VOWEL_LETTERS.get(char);
    if (letter) folded += PLAIN_VOWEL[letter[0]] ?? letter[0];
    else if (char === 'đ') folded += 'd';
    else if (char < '\u0080') folded += char;
    else return foldDiacritics(canonical);
  }
  return folded;
}

const PLAIN_VOWEL: Readonly<Record<string, string>> = { ă: 'a', â: 'a', ê: 'e', ô: 'o', ơ: 'o', ư: 'u' };

// Tokens repeat a lot (a corpus has a few thousand distinct ones), and Unicode
// normalisation is the costly part of analysis: remember recent answers.
const canonicalCache = new Map<string, string>();
const foldCache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

function memo(cache: Map<string, string>, key: string, compute: (key: string) => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Telex and VNI leftovers
// ---------------------------------------------------------------------------------------

/**
 * Decodes one token typed with a Vietnamese input method that did not convert it, such
 * as Telex `ddawng` → "đăng", `kys` → "ký", `cuwowcs` → "cước", `dde` → "đe", or VNI
 * `vie65t` → "việt", `d9a8ng` → "đăng".
 *
 * What is decoded, best effort, one syllable at a time:
 * - Telex marks `aa â`, `aw ă`, `ee ê`, `oo ô`, `ow ơ`, `uw ư`, `uow`/`uwow ươ`, a lone `w ư`,
 *   `dd đ`; tone keys `s f r x j` anywhere after the first vowel (`z` clears the tone);
 * - VNI digits `1–5` (tones), `6` (circumflex), `7` (horn; `uo7` → ươ), `8` (breve), `9` (đ),
 *   each applied to the nearest letter before it that can carry it.
 * The result must be a well-formed syllable (known onset, one to three vowels, a legal
 * final, a tone the final allows) and must differ from the input; otherwise `null`.
 * The engine only uses a decoded token when its folded form is in the corpus vocabulary,
 * so English words such as "bus" or "see" are left alone.
 *
 * @param token - a lowercase ASCII token
 * @returns the decoded syllable in canonical form, or `null`
 */
export function decodeInputLeftovers(token: string): string | null {
  if (!/^[a-z0-9]{2,12}$/.test(token)) return null;
  const decoded = /[0-9]/.test(token) ? decodeVni(token) : decodeTelex(token);
  if (!decoded) return null;
  const canonical = canonicalSyllable(decoded);
  return canonical === token ? null : canonical;
}

const TELEX_TONES: Readonly<Record<string, string>> = {
  s: '\u0301',
  f: '\u0300',
  r: '\u0309',
  x: '\u0303',
  j: '\u0323',
  z: '',
};
const TELEX_MARKS: readonly (readonly [string, string])[] = [
  ['uwow', 'ươ'],
  ['uow', 'ươ'],
  ['aa', 'â'],
  ['aw', 'ă'],
  ['ee', 'ê'],
  ['oo', 'ô'],
  ['ow', 'ơ'],
  ['uw', 'ư'],
  ['w', 'ư'],
];

function decodeTelex(token: string): string | null {
  const onset = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|dd|[bcdghklmnpqrstvx])?/.exec(token)?.[0] ?? '';
  let rest = token.slice(onset.length);
  if (!/^[aeiouyw]/.test(rest)) return null;
  let tone: string | undefined;
  // The first letter is a vowel, so any tone key after it is a key, not a consonant.
  rest = rest.replace(/[sfrxjz]/g, (key, offset: number) => {
    if (offset === 0) return key;
    tone = TELEX_TONES[key];
    return '';
  });
  for (const [keys, letter] of TELEX_MARKS) rest = rest.split(keys).join(letter);
  const base = (onset === 'dd' ? 'đ' : onset) + rest;
  if (tone === undefined && base === token) return null;
  return wellFormed(base, tone ?? '');
}

const VNI_TONES: Readonly<Record<string, string>> = {
  '1': '\u0301',
  '2': '\u0300',
  '3': '\u0309',
  '4': '\u0303',
  '5': '\u0323',
};
const VNI_MARKS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '6': { a: 'â', e: 'ê', o: 'ô' },
  '7': { o: 'ơ', u: 'ư' },
  '8': { a: 'ă' },
  '9': { d: 'đ' },
};

function decodeVni(token: string): string | null {
  if (!/[a-z]/.test(token) || token.includes('0')) return null;
  const letters: string[] = [];
  let tone = '';
  for (const char of token) {
    const toneMark = VNI_TONES[char];
    if (toneMark !== undefined) {
      tone = toneMark;
      continue;
    }
    const marks = VNI_MARKS[char];
    if (!marks) {
      letters.push(char);
      continue;
    }
    const at = findLastIndex(letters, (letter) => marks[letter] !== undefined);
    if (at < 0) return null;
    letters[at] = marks[letters[at]!]!;
    // "uo7" means ươ: the horn goes on both vowels.
    if (char === '7' && letters[at] === 'ơ' && letters[at - 1] === 'u') letters[at - 1] = 'ư';
  }
  return wellFormed(letters.join(''), tone);
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/** A syllable built from decoded parts, or null when Vietnamese spelling rules forbid it. */
function wellFormed(base: string, tone: string): string | null {
  const parts = splitSyllable(base);
  if (!parts || parts.nucleus.length > 3 || /(.)\1/.test(parts.nucleus)) return null;
  // Syllables closed by a stop (c, ch, p, t) only take the sắc or nặng tone.
  if (/^(c|ch|p|t)$/.test(parts.coda) && tone !== '\u0301' && tone !== '\u0323') return null;
  return composeSyllable(parts, tone);
}

// ---------------------------------------------------------------------------------------
// Syllable structure
// ---------------------------------------------------------------------------------------

interface SyllableParts {
  onset: string;
  nucleus: string;
  coda: string;
}

const SYLLABLE =
  /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]+)(ch|ng|nh|[cmnpt])?$/;
const MARKED_VOWEL = /[ăâêôơư]/;

function splitSyllable(base: string): SyllableParts | null {
  const match = SYLLABLE.exec(base);
  if (!match) return null;
  return { onset: match[1] ?? '', nucleus: match[2]!, coda: match[3] ?? '' };
}

function composeSyllable({ onset, nucleus, coda }: SyllableParts, tone: string): string {
  // "ký"/"kí", "lý"/"lí", "quý"/"quí": one spelling for a lone y after a consonant.
  const vowels = onset !== '' && nucleus === 'y' && coda === '' ? 'i' : nucleus;
  if (tone === '') return onset + vowels + coda;
  const at = tonePosition(vowels, coda);
  return (onset + vowels.slice(0, at + 1) + tone + vowels.slice(at + 1) + coda).normalize('NFC');
}

/**
 * Where the tone mark goes (classic placement, as most government pages write it):
 * on the marked vowel (ươ → ơ); else on the only vowel; else on the last vowel when a
 * final consonant follows; else on the middle of three vowels; else on the first of two
 * ("hòa", "thủy", "mùa").
 */
function tonePosition(nucleus: string, coda: string): number {
  for (let i = nucleus.length - 1; i >= 0; i--) if (MARKED_VOWEL.test(nucleus[i]!)) return i;
  if (nucleus.length === 1) return 0;
  if (coda !== '') return nucleus.length - 1;
  return nucleus.length === 3 ? 1 : 0;
}

/**
 * Whether a lowercase token can be one Vietnamese syllable (accents ignored): a known
 * onset, one to three vowels, a legal final. "the", "can" and "my" can ("thẻ", "cần",
 * "mỹ"); "how", "is", "for" and "passport" cannot, which is how English text shows.
 *
 * @example isVietnameseSyllable('dang') // → true; isVietnameseSyllable('what') // → false
 */
export function isVietnameseSyllable(token: string): boolean {
  const parts = splitSyllable(foldDiacritics(normalise(token)));
  return parts !== null && parts.nucleus.length <= 3;
}

// ---------------------------------------------------------------------------------------
// Typing slips
// ---------------------------------------------------------------------------------------

/**
 * The keys of a folded word's one-deletion neighbourhood: the word itself and each
 * spelling with one letter left out. Two words sharing a key are one typing slip apart
 * (a letter missing, added, replaced or two letters swapped: "sihn"/"sinh" share "sin"),
 * the SymSpell idea: index the keys of the vocabulary once, look a word's keys up.
 *
 * @example deletionKeys('ban') // → ['ban', 'an', 'bn', 'ba']
 */
export function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) {
    const key = word.slice(0, i) + word.slice(i + 1);
    if (key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Spellings a citizen may have meant by a folded syllable, from the confusions of
 * Vietnamese spelling and dialects rather than of the keyboard: initials ch/tr, s/x,
 * d/gi/r/v, l/n, f for ph, z for d/gi; finals n/ng, c/t, m/n, i/y. "tam chu" → "tam tru",
 * "mot pham" → "mot phan", "fan anh" → "phan anh".
 *
 * @param word - a folded syllable
 * @returns other folded spellings, without the word itself
 * @example confusableSpellings('chu') // → includes 'tru'
 */
export function confusableSpellings(word: string): string[] {
  const variants = new Set<string>();
  const onset = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvxfzj])?/.exec(word)?.[0] ?? '';
  const rest = word.slice(onset.length);
  for (const other of ONSET_CONFUSIONS[onset] ?? []) variants.add(other + rest);
  const coda = /(ng|nh|ch|[cmnpt])$/.exec(rest)?.[0] ?? '';
  const body = word.slice(0, word.length - coda.length);
  for (const other of CODA_CONFUSIONS[coda] ?? []) variants.add(body + other);
  if (word.endsWith('i')) variants.add(`${word.slice(0, -1)}y`);
  if (word.endsWith('y')) variants.add(`${word.slice(0, -1)}i`);
  variants.delete(word);
  return [...variants];
}

const ONSET_CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  ch: ['tr'],
  tr: ['ch'],
  s: ['x'],
  x: ['s'],
  d: ['gi', 'r', 'v'],
  gi: ['d', 'r'],
  r: ['d', 'gi'],
  v: ['d'],
  l: ['n'],
  n: ['l'],
  f: ['ph'],
  ph: ['f'],
  z: ['d', 'gi'],
  j: ['gi'],
};

const CODA_CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  n: ['ng', 'm'],
  ng: ['n'],
  m: ['n'],
  c: ['t'],
  t: ['c'],
  ch: ['t'],
};
