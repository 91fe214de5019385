import { analyse, type Analysis } from '../analyse.js';
import { bigrams, foldSyllable } from '../normalise.js';
import type { CorpusEntry } from '../types.js';

/**
 * What is indexed: the documents of each entry (one per phrasing, one entry-level document
 * with tags and answer text) and the terms of each field. The postings, the corpus
 * statistics and the query side all name terms the way this module writes them.
 */

/** One indexed document's text, by field. */
export interface IndexDocument {
  id: number;
  q?: string;
  tags?: string;
  body?: string;
}

/**
 * Index documents of the entries: each phrasing, then one entry-level document per entry.
 * Exported for the test that checks the scores against MiniSearch's.
 */
export function documentsOf(entries: readonly CorpusEntry[]): IndexDocument[] {
  const docs: IndexDocument[] = [];
  for (const entry of entries) {
    for (const text of [entry.title, ...entry.questions]) docs.push({ id: docs.length, q: text });
    docs.push({ id: docs.length, tags: entry.tags.join('\n'), body: plainText(entry.answer) });
  }
  return docs;
}

/** Markdown without link targets and bare URLs; the tokenizer drops the rest of the markup. */
function plainText(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
}

/** Index terms of a field's text (exported with {@link documentsOf}). */
export function termsOf(text: string, field: string | undefined): string[] {
  if (field === 'body') {
    const { words, aliases } = analyse(text);
    return [...words, ...aliases.map(aliasTerm)];
  }
  if (field === 'tags') return text.split('\n').flatMap((tag) => phrasingTerms(analyse(tag)));
  return phrasingTerms(analyse(text));
}

function phrasingTerms({ words, accents, aliases }: Analysis): string[] {
  return [...words, ...accents.filter((accent) => accent !== ''), ...bigrams(words), ...aliases.map(aliasTerm)];
}

/**
 * Abbreviations as typed are indexed with a leading `=` ("=cccd"): they add to the score
 * but are not words of the phrasing, so coverage can tell them apart from words.
 */
export function aliasTerm(alias: string): string {
  return `=${alias}`;
}

/** Whether an index term is a unit of coverage: a folded word or a bigram (not an accented form, not an alias). */
export function isUnit(term: string): boolean {
  return !term.startsWith('=') && (term.includes('_') || foldSyllable(term) === term);
}
