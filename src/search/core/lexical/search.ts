import { analyse, hasEnglishKeywords, type Lexicon } from '../analyse.js';
import { LEXICAL_DEFAULTS } from './defaults.js';
import { byScore, entryEvidence, prepareReading, type Evidence, type Found } from './evidence.js';
import { prunedSearch, type PruneContext } from './prune.js';
import { scratchFor, type Scratch } from './scratch.js';
import type { LexicalPruning, PrunedSearch } from './types.js';

/**
 * One search of a question: its readings (as typed, and with English keywords translated
 * when it has some), each scored in its own scratch, then per entry the reading that
 * explains the question best — for every touched entry, or through the pruned search.
 */

/** Everything one index searches with, kept from query to query. */
export interface SearchContext extends PruneContext {
  lexicon: Lexicon;
  /** One scratch per reading of a question, made when first needed. */
  scratches: Scratch[];
}

/** The scratch of the `reading`-th reading of a question (0 = as typed). */
export function scratchOf(context: SearchContext, reading: number): Scratch {
  return (context.scratches[reading] ??= scratchFor(context.index));
}

/**
 * Searches every reading of the question (as typed; and with English keywords translated,
 * when it has some) and keeps, per entry, the reading that explains the question best.
 */
export function searchIndex(context: SearchContext, text: string, pruning: LexicalPruning | undefined): PrunedSearch {
  const { maxQueryTokens } = LEXICAL_DEFAULTS;
  const analyses = [analyse(text, { lexicon: context.lexicon, maxTokens: maxQueryTokens })];
  if (hasEnglishKeywords(text, maxQueryTokens)) {
    analyses.push(analyse(text, { lexicon: context.lexicon, maxTokens: maxQueryTokens, translate: true }));
  }
  const readings: Evidence[] = [];
  analyses.forEach((analysis, i) => {
    const reading = prepareReading(context, analysis, scratchOf(context, i));
    if (reading) readings.push(reading);
  });
  if (pruning) return prunedSearch(context, readings, pruning);
  const best = new Map<number, Found>();
  for (const reading of readings) {
    for (const entry of reading.scratch.entries.subarray(0, reading.scratch.entryCount)) {
      const found = entryEvidence(reading, entry);
      const known = best.get(entry);
      if (!known || found.quality > known.quality) best.set(entry, found);
    }
  }
  return { matches: [...best.values()].map(({ match }) => match).sort(byScore), omitted: { vi: -Infinity, en: -Infinity } };
}
