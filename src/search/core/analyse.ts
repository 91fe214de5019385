import {
  ABBREVIATIONS,
  ABBREVIATION_PHRASES,
  ENGLISH_COMPOUNDS,
  ENGLISH_KEYWORDS,
  ENGLISH_PHRASES,
  englishCompound,
  expandAbbreviation,
  expandAbbreviationPhrase,
  translateEnglish,
} from './abbreviations.js';
import {
  canonicalSyllable,
  confusableSpellings,
  decodeInputLeftovers,
  foldSyllable,
  isAscii,
  isVietnameseSyllable,
  syllables,
} from './normalise.js';
import { ASCII_STOPWORDS, ENGLISH_STOPWORDS, STOPWORDS, isEnglishStopword, isStopword } from './stopwords.js';

/**
 * A text reduced to what search compares: the same function reads corpus phrasings at
 * build time and the citizen's question at query time.
 */
export interface Analysis {
  /** Folded search keys of the content words, in order, abbreviations expanded, stopwords removed. */
  words: string[];
  /** The canonical accented form of each word, or `''` where it has no accent. Parallel to `words`. */
  accents: string[];
  /** Abbreviations as typed ("cccd"), kept next to their expansion. */
  aliases: string[];
  /**
   * Parallel to `words`: `true` where the word is the analyser's guess rather than what was
   * typed — a corrected typing slip ("sihn" → sinh), a piece of a run-together token
   * ("dichvucong" → dich vu cong) or the translation of an English keyword. The gate
   * trusts guessed words a little less.
   */
  guessed: boolean[];
  /** Whether the text reads as English (English function words were dropped). */
  english: boolean;
}

/**
 * What the query side knows about the corpus vocabulary, for the guesses that need it:
 * Telex/VNI decoding, splitting run-together tokens and correcting typing slips.
 * `lexical/stats.ts` builds one from the corpus statistics.
 */
export interface Lexicon {
  /** Folded words of the corpus phrasings and tags: what a guess may produce. */
  readonly vocabulary: ReadonlySet<string>;
  /** Whether the index holds the folded word anywhere (answer text included): then it is taken as typed. */
  known(word: string): boolean;
  /** Number of phrasings in which the two folded words stand next to each other. */
  bigramFrequency(first: string, second: string): number;
  /** Number of phrasings holding the folded word. */
  frequency(word: string): number;
  /** Vocabulary words one typing slip away from a folded word (see `deletionKeys`). */
  neighbours(word: string): readonly string[];
}

export interface AnalyseOptions {
  /**
   * Folded words the corpus contains. When given, a plain-ASCII token outside it is tried
   * as a Telex/VNI leftover ("ddawng" → "đăng"), and the decoding is kept only if it is
   * inside. Queries pass it (or a whole {@link Lexicon}); the corpus side does not (its
   * text is written properly).
   */
  vocabulary?: ReadonlySet<string>;
  /** The corpus lexicon: enables Telex decoding, splitting run-together tokens and slip correction. */
  lexicon?: Lexicon;
  /**
   * Read English keywords as the Vietnamese words the corpus uses (`ENGLISH_KEYWORDS`):
   * every one in English text, and those that cannot be a Vietnamese syllable
   * ("passport", "password") in Vietnamese text. Only the question side translates.
   */
  translate?: boolean;
  /** Tokens read at most; the rest of a very long text is ignored. */
  maxTokens?: number;
}

/**
 * Normalises, tokenises, tells English from Vietnamese, expands abbreviations, decodes
 * input-method leftovers, drops stopwords and (with a lexicon) splits run-together tokens
 * and corrects typing slips.
 *
 * @example
 * analyse('Làm lại CCCD ở đâu?').words
 * // → ['cap', 'lai', 'can', 'cuoc', 'cong', 'dan', 'dau'] ("làm lại" a card is "cấp lại")
 */
export function analyse(text: string, options: AnalyseOptions = {}): Analysis {
  const { lexicon, translate = false, maxTokens = Infinity } = options;
  const vocabulary = options.vocabulary ?? lexicon?.vocabulary;
  const tokens = syllables(text).slice(0, maxTokens);
  const english = readsAsEnglish(tokens);
  const keys = tokens.map(foldSyllable);
  const analysis: Analysis = { words: [], accents: [], aliases: [], guessed: [], english };
  const add = (token: string, guessed = false): void => addWord(analysis, token, guessed);
  const addAll = (words: string, guessed = false): void => {
    for (const token of syllables(words)) add(token, guessed);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const key = keys[i]!;
    const next = keys[i + 1];
    const spaced = vocabulary ? joinSpacedName(keys, i, vocabulary) : null;
    if (spaced) {
      add(spaced.word, true);
      i += spaced.tokens - 1;
      continue;
    }
    if (translate && isAscii(token) && (english || !isVietnameseSyllable(token))) {
      // A translation is a guess: the gate trusts it like a corrected slip.
      const phrase = next !== undefined ? translateEnglish(key, next) : undefined;
      if (phrase !== undefined) {
        addAll(phrase, true);
        i++;
        continue;
      }
      const word = translateEnglish(key);
      if (word !== undefined) {
        addAll(word, true);
        continue;
      }
    }
    const compound = english && next !== undefined ? englishCompound(key, next) : undefined;
    if (compound !== undefined) {
      add(compound);
      i++;
      continue;
    }
    if (isEnglishStopword(token) && (english || !isVietnameseSyllable(token))) continue;
    const phrase = next !== undefined ? expandAbbreviationPhrase(key, next) : undefined;
    if (phrase !== undefined) {
      const expanded = new Set(syllables(phrase).map(foldSyllable));
      for (const typed of [key, next!]) if (!expanded.has(typed)) analysis.aliases.push(typed);
      addAll(phrase);
      i++;
      continue;
    }
    const expansion = expandAbbreviation(key);
    if (expansion !== undefined) {
      if (foldSyllable(expansion) !== key) analysis.aliases.push(key);
      addAll(expansion);
      continue;
    }
    // A number or code the corpus does not hold (a dossier code, a phone number, a date)
    // belongs to the citizen's case, not to a topic: it is neither evidence for an entry
    // nor a sign of an off-domain question, so the question side drops it.
    if (lexicon && /\d/.test(key) && !lexicon.known(key)) continue;
    if (!english && vocabulary && !vocabulary.has(key) && isAscii(token)) {
      const decoded = decodeInputLeftovers(token);
      if (decoded !== null && vocabulary.has(foldSyllable(decoded))) {
        add(decoded);
        continue;
      }
      const pieces = lexicon && !lexicon.known(key) ? splitRunTogether(key, lexicon) : null;
      if (pieces) {
        for (const piece of pieces) add(piece, true);
        continue;
      }
    }
    add(token);
  }
  if (lexicon && !english) correctSlips(analysis, lexicon);
  return analysis;
}

/**
 * A name written as one word that the citizen spaced out after its first letter: "i hà
 * nội" for iHanoi, "v neid" for VNeID. Only a lone letter starts one, and only a word of
 * the corpus vocabulary ends it, so ordinary words ("hà nội") are never glued together.
 */
function joinSpacedName(keys: readonly string[], i: number, vocabulary: ReadonlySet<string>): { word: string; tokens: number } | null {
  const first = keys[i]!;
  if (!/^[a-z]$/.test(first)) return null;
  let word = first;
  for (let n = 2; n <= MAX_SPACED_PIECES && i + n - 1 < keys.length; n++) {
    word += keys[i + n - 1];
    if (word.length >= 4 && vocabulary.has(word)) return { word, tokens: n };
  }
  return null;
}

/** Pieces {@link joinSpacedName} glues at most: a letter and two syllables ("i ha noi"). */
const MAX_SPACED_PIECES = 3;

function addWord(analysis: Analysis, token: string, guessed: boolean): void {
  if (isStopword(token, analysis.english)) return;
  const canonical = canonicalSyllable(token);
  const folded = foldSyllable(token);
  analysis.words.push(folded);
  analysis.accents.push(canonical === folded ? '' : canonical);
  analysis.guessed.push(guessed);
}

/**
 * Whether tokens read as English: more of them are English words that cannot be a
 * Vietnamese syllable ("how", "password", "register") than Vietnamese words (accented
 * tokens, plain syllables that are not English words, Vietnamese abbreviations). Words
 * that fit both ("the", "can", "my") and unknown ones ("vneid", "online") do not count.
 *
 * @example readsAsEnglish(['lost', 'my', 'id', 'card']) // → true
 * @example readsAsEnglish(['the', 'cccd', 'bi', 'mat']) // → false
 */
export function readsAsEnglish(tokens: readonly string[]): boolean {
  const { english, vietnamese } = languageEvidence(tokens);
  return english > vietnamese;
}

/**
 * The counts behind {@link readsAsEnglish}: tokens that can only be English words, and
 * tokens that are Vietnamese (accented, plain syllables that are no English word,
 * Vietnamese abbreviations). Words that fit both and unknown words count for neither.
 *
 * @example languageEvidence(['lost', 'my', 'id', 'card']) // → { english: 3, vietnamese: 0 }
 */
export function languageEvidence(tokens: readonly string[]): { english: number; vietnamese: number } {
  let english = 0;
  let vietnamese = 0;
  for (const token of tokens) {
    if (!isAscii(token)) {
      vietnamese++;
      continue;
    }
    const syllable = isVietnameseSyllable(token);
    const englishWord = isEnglishStopword(token) || translateEnglish(token) !== undefined;
    if (englishWord && !syllable) english++;
    else if (!englishWord && (syllable || expandAbbreviation(token) !== undefined)) vietnamese++;
  }
  return { english, vietnamese };
}

/**
 * Whether a question holds English keywords worth a translated second reading: any, when
 * it reads as English; otherwise those that cannot be a Vietnamese syllable ("lam
 * passport"). Cheap: no analysis.
 *
 * @example hasEnglishKeywords('lam passport het bao nhieu') // → true
 */
export function hasEnglishKeywords(text: string, maxTokens = Infinity): boolean {
  const tokens = syllables(text).slice(0, maxTokens);
  const english = readsAsEnglish(tokens);
  return tokens.some(
    (token, i) =>
      isAscii(token) &&
      (english || !isVietnameseSyllable(token)) &&
      (translateEnglish(token) !== undefined || (i + 1 < tokens.length && translateEnglish(token, tokens[i + 1]) !== undefined)),
  );
}

/**
 * Splits a token typed without spaces ("dichvucong", "tamtru") into two to four corpus
 * words, each neighbouring pair of which stands together in some phrasing. `null` when
 * no such split exists (most unknown tokens: names, English words, gibberish).
 */
function splitRunTogether(token: string, lexicon: Lexicon): string[] | null {
  if (!/^[a-z]{4,24}$/.test(token)) return null;
  const best = (start: number, previous: string | undefined, depth: number): string[] | null => {
    if (start === token.length) return depth >= 2 ? [] : null;
    if (depth === ANALYSE_DEFAULTS.maxSplitPieces) return null;
    for (let end = Math.min(token.length, start + 7); end > start + 1; end--) {
      const piece = token.slice(start, end);
      if (!lexicon.vocabulary.has(piece)) continue;
      if (previous !== undefined && lexicon.bigramFrequency(previous, piece) === 0) continue;
      const rest = best(end, piece, depth + 1);
      if (rest) return [piece, ...rest];
    }
    return null;
  };
  return best(0, undefined, 0);
}

/**
 * Corrects typing slips in place, using the neighbouring words as context:
 * - a word the corpus does not know is replaced by a vocabulary word one slip away
 *   ("sihn" → sinh, "thuog" → thuong) or a confusable spelling ("fan" → phan), when the
 *   replacement stands next to a neighbour in some phrasing; a long word (five letters or
 *   more) with a single candidate is replaced even without that support ("onlinr");
 * - a known word that stands next to neither neighbour anywhere is replaced by a
 *   confusable spelling that does ("tam chu" → tam tru, "mot pham" → mot phan).
 * Replaced words lose their accents and are marked `guessed`.
 */
function correctSlips(analysis: Analysis, lexicon: Lexicon): void {
  const { words } = analysis;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (analysis.guessed[i] || !/^[a-z]{2,8}$/.test(word)) continue;
    const previous = words[i - 1];
    const next = words[i + 1];
    const support = (candidate: string): number =>
      (previous !== undefined && lexicon.bigramFrequency(previous, candidate) > 0 ? 1 : 0) +
      (next !== undefined && lexicon.bigramFrequency(candidate, next) > 0 ? 1 : 0);
    let candidates: string[];
    if (!lexicon.known(word)) {
      const nearby = new Set([...lexicon.neighbours(word), ...confusableSpellings(word)]);
      // Someone who typed the accents got the vowels right: a slip in an accented word is in
      // its consonants ("thườg"), so "thọ" is not corrected to "thế" (another vowel).
      const accented = analysis.accents[i] !== '';
      candidates = [...nearby].filter(
        (candidate) => candidate !== word && lexicon.vocabulary.has(candidate) && (!accented || sameVowels(candidate, word)),
      );
      const supported = candidates.filter((candidate) => support(candidate) > 0);
      if (supported.length > 0) candidates = supported;
      else if (!(word.length >= ANALYSE_DEFAULTS.minUnsupportedSlipLength && candidates.length === 1)) continue;
    } else {
      if (previous === undefined && next === undefined) continue;
      if (support(word) > 0) continue;
      candidates = confusableSpellings(word).filter((candidate) => lexicon.vocabulary.has(candidate) && support(candidate) > 0);
    }
    if (candidates.length === 0) continue;
    const rank = (candidate: string): number => support(candidate) * 1e6 + lexicon.frequency(candidate);
    const best = candidates.reduce((a, b) => (rank(b) > rank(a) || (rank(b) === rank(a) && b < a) ? b : a));
    words[i] = best;
    analysis.accents[i] = '';
    analysis.guessed[i] = true;
  }
}

/** Whether two folded words have the same vowel letters in the same order. */
function sameVowels(a: string, b: string): boolean {
  return a.replace(/[^aeiouy]/g, '') === b.replace(/[^aeiouy]/g, '');
}

/** Tuning of the analyser's guesses. */
export const ANALYSE_DEFAULTS = Object.freeze({
  /** A run-together token is split into at most this many words. */
  maxSplitPieces: 4,
  /** Length from which an unknown word with one candidate is corrected without support from its neighbours. */
  minUnsupportedSlipLength: 5,
});

/**
 * A short fingerprint of everything that decides how text becomes terms. The compiled
 * index records it; an engine whose tables differ refuses that index instead of
 * silently missing words. Bump {@link ANALYSER_VERSION} when the code (not the tables)
 * changes what {@link analyse} returns.
 */
export const ANALYSER_VERSION = 3;

/** @returns `a<version>-<hash>` of the analyser version and its tables */
export function analyserId(): string {
  const tables = JSON.stringify([
    ABBREVIATIONS,
    ABBREVIATION_PHRASES,
    STOPWORDS,
    ASCII_STOPWORDS,
    ENGLISH_STOPWORDS,
    ENGLISH_KEYWORDS,
    ENGLISH_PHRASES,
    ENGLISH_COMPOUNDS,
  ]);
  return `a${ANALYSER_VERSION}-${fnv1a(tables)}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a cheap, stable fingerprint (not a security hash). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
