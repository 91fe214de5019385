import { ABBREVIATIONS, ABBREVIATION_PHRASES, expandAbbreviation, expandAbbreviationPhrase } from './abbreviations.js';
import {
  canonicalSyllable,
  decodeInputLeftovers,
  foldSyllable,
  isAscii,
  syllables,
} from './normalise.js';
import { ASCII_STOPWORDS, STOPWORDS, isStopword } from './stopwords.js';

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
}

export interface AnalyseOptions {
  /**
   * Folded words the corpus contains. When given, a plain-ASCII token outside it is tried
   * as a Telex/VNI leftover ("ddawng" → "đăng"), and the decoding is kept only if it is
   * inside. Queries pass it; the corpus side does not (its text is written properly).
   */
  vocabulary?: ReadonlySet<string>;
  /** Tokens read at most; the rest of a very long text is ignored. */
  maxTokens?: number;
}

/**
 * Normalises, tokenises, expands abbreviations, decodes input-method leftovers and drops
 * stopwords.
 *
 * @example
 * analyse('Làm lại CCCD ở đâu?').words
 * // → ['lam', 'lai', 'can', 'cuoc', 'cong', 'dan', 'dau']
 */
export function analyse(text: string, options: AnalyseOptions = {}): Analysis {
  const { vocabulary, maxTokens = Infinity } = options;
  const tokens = syllables(text).slice(0, maxTokens);
  const keys = tokens.map(foldSyllable);
  const analysis: Analysis = { words: [], accents: [], aliases: [] };
  for (let i = 0; i < tokens.length; i++) {
    const key = keys[i]!;
    const phrase = i + 1 < keys.length ? expandAbbreviationPhrase(key, keys[i + 1]!) : undefined;
    if (phrase !== undefined) {
      analysis.aliases.push(keys[i + 1]!);
      addWords(analysis, phrase);
      i++;
      continue;
    }
    const expansion = expandAbbreviation(key);
    if (expansion !== undefined) {
      if (foldSyllable(expansion) !== key) analysis.aliases.push(key);
      addWords(analysis, expansion);
      continue;
    }
    let token = tokens[i]!;
    if (vocabulary && !vocabulary.has(key) && isAscii(token)) {
      const decoded = decodeInputLeftovers(token);
      if (decoded !== null && vocabulary.has(foldSyllable(decoded))) token = decoded;
    }
    addWord(analysis, token);
  }
  return analysis;
}

function addWords(analysis: Analysis, text: string): void {
  for (const token of syllables(text)) addWord(analysis, token);
}

function addWord(analysis: Analysis, token: string): void {
  if (isStopword(token)) return;
  const canonical = canonicalSyllable(token);
  const folded = foldSyllable(token);
  analysis.words.push(folded);
  analysis.accents.push(canonical === folded ? '' : canonical);
}

/**
 * A short fingerprint of everything that decides how text becomes terms. The compiled
 * index records it; an engine whose tables differ refuses that index instead of
 * silently missing words. Bump {@link ANALYSER_VERSION} when the code (not the tables)
 * changes what {@link analyse} returns.
 */
export const ANALYSER_VERSION = 1;

/** @returns `a<version>-<hash>` of the analyser version and its tables */
export function analyserId(): string {
  const tables = JSON.stringify([ABBREVIATIONS, ABBREVIATION_PHRASES, STOPWORDS, ASCII_STOPWORDS]);
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
