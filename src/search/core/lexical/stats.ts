import type { Lexicon } from '../analyse.js';
import { deletionKeys } from '../normalise.js';
import type { CorpusEntry } from '../types.js';
import { LEXICAL_DEFAULTS } from './defaults.js';
import { isUnit } from './documents.js';
import type { PostingIndex } from './postings.js';

/**
 * What the corpus says about its words, counted once at load: how many phrasings and topics
 * hold each unit (folded word or bigram), the weight a unit carries in coverage, each
 * phrasing's total weight, and the lexicon the query analyser guesses with. Coverage is
 * measured against these numbers, so they live apart from BM25's.
 */

/** What {@link corpusStats} counts, read by coverage, the query lexicon and the pruned search. */
export interface CorpusStats {
  vocabulary: Set<string>;
  /** Every folded word of the index, answer text included. */
  known: Set<string>;
  /** Number of phrasings containing each unit (folded word or bigram). */
  documentFrequency: Map<string, number>;
  /** Number of topics whose entries contain each unit in a phrasing or a tag. */
  topicFrequency: Map<string, number>;
  topicCount: number;
  /** Number of phrasings and tag lists containing each bigram. */
  bigramFrequency: Map<string, number>;
  /** Sum of unit weights of each phrasing document, by document id (0 for entry-level documents). */
  totalWeight: Float64Array;
  /** Language of each entry: 0 vi, 1 en. */
  entryLang: Uint8Array;
  /** Topic of each entry, as a number. */
  entryTopic: Int32Array;
}

export function corpusStats(index: PostingIndex, entries: readonly CorpusEntry[]): CorpusStats {
  const vocabulary = new Set<string>();
  const known = new Set<string>();
  const documentFrequency = new Map<string, number>();
  const bigramFrequency = new Map<string, number>();
  const topicFrequency = new Map<string, number>();
  const topicIds = new Map<string, number>();
  const entryTopic = Int32Array.from(entries, (entry) => {
    if (!topicIds.has(entry.topic)) topicIds.set(entry.topic, topicIds.size);
    return topicIds.get(entry.topic)!;
  });
  const topicSeen = new Int32Array(topicIds.size).fill(-1);
  const phrasingUnits: number[] = [];
  const { q, tags } = index;
  index.names.forEach((term, id) => {
    if (!isUnit(term)) return;
    const inPhrasings = q.start[id + 1]! - q.start[id]!;
    const inTags = tags.start[id + 1]! - tags.start[id]!;
    const bigram = term.includes('_');
    if (!bigram) known.add(term);
    if (inPhrasings + inTags === 0) return;
    if (!bigram) vocabulary.add(term);
    if (bigram) bigramFrequency.set(term, inPhrasings + inTags);
    let topics = 0;
    for (const field of [q, tags]) {
      for (let i = field.start[id]!; i < field.start[id + 1]!; i++) {
        const topic = entryTopic[index.documentEntry[field.docs[i]!]!]!;
        if (topicSeen[topic] !== id) {
          topicSeen[topic] = id;
          topics++;
        }
      }
    }
    topicFrequency.set(term, topics);
    if (inPhrasings === 0) return;
    documentFrequency.set(term, inPhrasings);
    phrasingUnits.push(id);
  });
  const stats: CorpusStats = {
    vocabulary,
    known,
    documentFrequency,
    bigramFrequency,
    topicFrequency,
    topicCount: topicIds.size,
    totalWeight: new Float64Array(index.documentCount),
    entryLang: Uint8Array.from(entries, (entry) => (entry.lang === 'en' ? 1 : 0)),
    entryTopic,
  };
  // Each phrasing's total, summed over its units in term order.
  for (const id of phrasingUnits) {
    const weight = unitWeight(stats, index.names[id]!);
    for (let i = q.start[id]!; i < q.start[id + 1]!; i++) stats.totalWeight[q.docs[i]!]! += weight;
  }
  return stats;
}

/**
 * BM25's idf of a unit over *topics* (phrasings and tags), with bigrams weighted down;
 * unknown units weigh most. Counted per topic, not per phrasing: an entry that says
 * "khai sinh" in all its ten phrasings must not make "khai sinh" look as common as
 * "bao nhiêu", which ten different entries ask.
 */
export function unitWeight(stats: CorpusStats, unit: string): number {
  const frequency = stats.topicFrequency.get(unit) ?? 0;
  const idf = Math.log(1 + (stats.topicCount - frequency + 0.5) / (frequency + 0.5));
  return unit.includes('_') ? idf * LEXICAL_DEFAULTS.bigramCoverageWeight : idf;
}

/**
 * The query side's view of the vocabulary (see `Lexicon` in `analyse.ts`). The
 * one-deletion index for typing slips is built at the first query that needs it
 * (a few milliseconds), not at load.
 */
export function lexiconOf(stats: CorpusStats): Lexicon {
  let deletions: Map<string, string[]> | undefined;
  const neighbours = (word: string): string[] => {
    if (!deletions) {
      deletions = new Map();
      for (const known of stats.vocabulary) {
        if (!/^[a-z]+$/.test(known)) continue;
        for (const key of deletionKeys(known)) {
          const list = deletions.get(key);
          if (list) list.push(known);
          else deletions.set(key, [known]);
        }
      }
    }
    const found = new Set<string>();
    for (const key of deletionKeys(word)) for (const candidate of deletions.get(key) ?? []) found.add(candidate);
    found.delete(word);
    return [...found];
  };
  return {
    vocabulary: stats.vocabulary,
    known: (word) => stats.known.has(word),
    bigramFrequency: (first, second) => stats.bigramFrequency.get(`${first}_${second}`) ?? 0,
    frequency: (word) => stats.documentFrequency.get(word) ?? 0,
    neighbours,
  };
}
