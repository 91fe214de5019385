import { canonicalSyllable } from './normalise.js';

/**
 * A deliberately tiny stopword list: function words, politeness and pronouns that say
 * nothing about which procedure a citizen means ("cho em hỏi … ạ"). Question words stay
 * searchable because they carry the intent: gì, nào, đâu, bao nhiêu, bao lâu, khi nào,
 * mấy, ai, sao, không, thế nào, như thế nào, làm sao. BM25 weighting handles the rest.
 *
 * Two lists, because a word typed without accents is ambiguous: "cua" may be của (of) or
 * cửa (door, as in "một cửa"), "ma" may be mà or mã (code). A token typed with accents is
 * checked against {@link STOPWORDS}; a token typed without any accent only against
 * {@link ASCII_STOPWORDS}, which holds the plain spellings whose every reading is a
 * function word.
 */
export const STOPWORDS: readonly string[] = Object.freeze([
  'và', 'là', 'thì', 'mà', 'của', 'các', 'những', 'với', 'ở',
  'ạ', 'à', 'ơi', 'nhé', 'nhỉ', 'vậy', 'dạ', 'vâng',
  'tôi', 'mình', 'chị', 'bạn', 'hỏi', 'giúp', 'đang', 'đã', 'sẽ', 'này', 'ấy',
]);

/** Plain-ASCII tokens dropped when typed without accents (see {@link STOPWORDS}). */
export const ASCII_STOPWORDS: readonly string[] = Object.freeze([
  'va', 'la', 'cac', 'nhung', 'voi', 'a', 'o', 'oi', 'nhe', 'nhi', 'vay', 'toi', 'hoi', 'giup',
  'em', 'xin', 'ad', 'admin', 'ok',
]);

const ACCENTED = new Set(STOPWORDS.map(canonicalSyllable));
const PLAIN = new Set(ASCII_STOPWORDS);

/**
 * Whether a normalised token is a stopword.
 *
 * @param token - a lowercase token, accented or not
 * @example isStopword('của') // → true; isStopword('cua') // → false ("cửa")
 */
export function isStopword(token: string): boolean {
  return PLAIN.has(token) || ACCENTED.has(canonicalSyllable(token));
}
