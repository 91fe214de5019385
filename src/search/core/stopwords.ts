import { canonicalSyllable } from './normalise.js';

/**
 * A deliberately small stopword list: function words, particles, politeness and pronouns
 * that say nothing about which procedure a citizen means ("cho em hỏi … ạ", "… rồi mà
 * vẫn chưa thấy luôn"). Question words stay searchable because they carry the intent:
 * gì, nào, đâu, bao nhiêu, bao lâu, khi nào, mấy, ai, sao, không, thế nào, như thế nào,
 * làm sao. BM25 weighting handles the rest.
 *
 * Why particles matter although BM25 weighs them down: a word that no corpus phrasing
 * contains weighs the most in the gate's coverage (that is what hands "giá vàng hôm nay"
 * off). A particle of a long, chatty message ("luôn", "nhưng") must not count as such a
 * word, so it is dropped here.
 *
 * Two lists, because a word typed without accents is ambiguous: "cua" may be của (of) or
 * cửa (door, as in "một cửa"), "ma" may be mà or mã (code). A token typed with accents is
 * checked against {@link STOPWORDS}; a token typed without any accent only against
 * {@link ASCII_STOPWORDS}, which holds the plain spellings whose every reading is a
 * function word (or a word no public-service question needs: "nến" for "nen"). Words
 * spelled without any accent ("em", "hay") can only be in the plain list: in
 * {@link STOPWORDS} they would also drop their accented homographs' plain spelling
 * ("anh" is also ảnh typed without accents, "nha" nhà).
 */
export const STOPWORDS: readonly string[] = Object.freeze([
  'và', 'là', 'thì', 'mà', 'của', 'các', 'những', 'với', 'ở',
  'ạ', 'à', 'ơi', 'nhé', 'nhỉ', 'vậy', 'dạ', 'vâng', 'hả', 'hở', 'nhá',
  'tôi', 'mình', 'chị', 'bạn', 'hỏi', 'giúp', 'đang', 'đã', 'sẽ', 'này', 'ấy', 'đây',
  'rồi', 'nó', 'luôn', 'nhưng', 'vì', 'nên', 'cũng', 'thôi', 'vẫn', 'chỉ', 'nữa', 'lắm', 'rất', 'cả',
  'hãy', 'hoặc', 'nếu', 'thật', 'bây',
]);

/** Plain-ASCII tokens dropped when typed without accents (see {@link STOPWORDS}). */
export const ASCII_STOPWORDS: readonly string[] = Object.freeze([
  'va', 'la', 'cac', 'nhung', 'voi', 'a', 'o', 'oi', 'nhe', 'nhi', 'vay', 'toi', 'hoi', 'giup',
  'em', 'e', 'xin', 'ad', 'admin', 'ok', 'luon', 'nen', 'nua', 'rat', 'hay', 'hoac', 'neu',
]);

/**
 * English function words, dropped from text read as English (a question written in
 * English, or an English phrasing of the corpus). Those that cannot be a Vietnamese
 * syllable ("how", "what", "is") also tell English text apart; those that can ("the" may
 * be thẻ, "can" cần, "to" tờ) are only dropped once the text reads as English.
 * English question words that carry intent are not here: "where", "how long" and
 * "how much" are keywords (`abbreviations.ts`).
 */
export const ENGLISH_STOPWORDS: readonly string[] = Object.freeze([
  'i', 'im', 'me', 'my', 'mine', 'we', 'our', 'us', 'you', 'your', 'he', 'she', 'his', 'her', 'it', 'its',
  'they', 'them', 'their', 'someone', 'somebody', 'anyone',
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'there', 'here', 'some', 'any', 'all', 'every',
  'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'done', 'doing',
  'have', 'has', 'had', 'having', 'get', 'got', 'getting', 'go', 'going', 'make', 'want', 'wants', 'need', 'needs',
  'can', 'could', 'would', 'should', 'will', 'shall', 'may', 'might', 'must',
  'to', 'of', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'about', 'into', 'onto', 'as', 'up', 'out', 'off',
  'and', 'or', 'but', 'if', 'so', 'then', 'than', 'not', 'no', 'yes', 'dont', 't', 's', 'm', 're', 've', 'll', 'd',
  'what', 'which', 'who', 'whom', 'whose', 'how', 'why', 'when', 'way',
  'please', 'hi', 'hello', 'just', 'also', 'too', 'very', 'really', 'now', 'still', 'again', 'already', 'yet',
  'after', 'before', 'without', 'use', 'using', 'used', 'thing', 'things', 'tell', 'told', 'know',
]);

const ACCENTED = new Set(STOPWORDS.map(canonicalSyllable));
const PLAIN = new Set(ASCII_STOPWORDS);
const ENGLISH = new Set(ENGLISH_STOPWORDS);

/**
 * Whether a normalised token is a stopword.
 *
 * @param token - a lowercase token, accented or not
 * @param english - whether the text reads as English (then English function words are stopwords too)
 * @example isStopword('của') // → true; isStopword('cua') // → false ("cửa")
 */
export function isStopword(token: string, english = false): boolean {
  if (english) return ENGLISH.has(token) || ACCENTED.has(canonicalSyllable(token));
  return PLAIN.has(token) || ACCENTED.has(canonicalSyllable(token));
}

/**
 * Whether a lowercase token is an English function word.
 *
 * @example isEnglishStopword('how') // → true
 */
export function isEnglishStopword(token: string): boolean {
  return ENGLISH.has(token);
}
