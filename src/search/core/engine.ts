import { GATE_DEFAULTS, confidence, decide, gateOptions, type GateOptions } from './gate.js';
import { loadLexicalIndex } from './lexical.js';
import { parseArtifact } from './serialise.js';
import type { CorpusArtifact, CorpusEntry, Embedder, EngineInfo, SearchHit, SearchResult } from './types.js';

type Lang = 'vi' | 'en';

export interface EngineOptions {
  /**
   * Dense retrieval seam. Accepted and kept, not called yet: the engine stays in
   * `lexical` mode until the embeddings issue fuses dense scores in.
   */
  embedder?: Embedder;
  /** Gate settings replacing the frozen defaults (`GATE_DEFAULTS`). */
  gate?: Partial<GateOptions>;
}

export interface SearchOptions {
  /** The widget's language; its entries are preferred. Default `vi`. */
  lang?: Lang;
  /** Hits returned at most (1–50). Default 5. */
  limit?: number;
  /** Answer threshold in [0, 1] overriding the gate's (the widget's `threshold` attribute). */
  threshold?: number;
}

export interface Engine {
  /** Ranks entries for a question and decides answer / suggest / handoff. Synchronous and pure. */
  search(text: string, options?: SearchOptions): SearchResult;
  /** One entry by id and language. */
  entry(id: string, lang: Lang): CorpusEntry | undefined;
  readonly info: EngineInfo;
}

/**
 * Loads a compiled corpus artifact into a search engine. Runs anywhere (Node, worker,
 * main thread): no DOM, no storage, no network.
 *
 * Results hold one hit per entry id. Entries in the requested language are preferred;
 * when the question clearly reads as the other language (its entries match it much
 * better), hits come in that language. Each hit says its `lang`.
 *
 * @param artifact - the parsed `dist/corpus.json`
 * @throws CorpusError when the artifact is of another format or its index does not fit
 * @example
 * const engine = createEngine(JSON.parse(await readFile('dist/corpus.json', 'utf8')));
 * engine.search('lam lai cccd o dau', { lang: 'vi' }).decision; // → 'answer'
 */
export function createEngine(artifact: CorpusArtifact, options: EngineOptions = {}): Engine {
  const checked = parseArtifact(artifact);
  const entries = checked.entries;
  const lexical = loadLexicalIndex(checked.lexical, entries);
  const byKey = new Map(entries.map((entry) => [key(entry.lang, entry.id), entry]));
  const baseGate: GateOptions = { ...GATE_DEFAULTS, ...options.gate };
  const langs = (['vi', 'en'] as const).filter((lang) => entries.some((entry) => entry.lang === lang));
  const info: EngineInfo = Object.freeze({
    format: checked.format,
    corpusHash: checked.corpusHash,
    modelId: checked.modelId,
    entries: entries.length,
    langs: [...langs],
  });

  function search(text: string, searchOptions: SearchOptions = {}): SearchResult {
    const lang: Lang = searchOptions.lang === 'en' ? 'en' : 'vi';
    const limit = clampLimit(searchOptions.limit);
    const gate = gateOptions(searchOptions.threshold, baseGate);
    const matches = lexical.search(text);
    const topScore = matches[0]?.score ?? 0;

    const scored = matches.map((match) => {
      const entry = entries[match.entry]!;
      const evidence = {
        queryCoverage: match.queryCoverage,
        phrasingCoverage: match.phrasingCoverage,
        relativeScore: topScore > 0 ? match.score / topScore : 0,
      };
      return { entry, confidence: confidence(evidence, gate), score: match.score };
    });

    const targetLang = answerLanguage(scored, lang);
    const byId = new Map<string, { entry: CorpusEntry; confidence: number; score: number }>();
    for (const candidate of scored) {
      const known = byId.get(candidate.entry.id);
      if (!known || candidate.confidence > known.confidence) byId.set(candidate.entry.id, { ...candidate });
    }
    const ranked = [...byId.values()].map((candidate) => {
      const shown = byKey.get(key(targetLang, candidate.entry.id)) ?? candidate.entry;
      const penalty = shown.lang === targetLang ? 1 : ENGINE_DEFAULTS.otherLanguageFactor;
      return { entry: shown, confidence: candidate.confidence * penalty, score: candidate.score };
    });
    ranked.sort((a, b) => b.confidence - a.confidence || b.score - a.score || compare(a.entry.id, b.entry.id));

    const decision = decide(
      ranked.map((candidate) => ({ confidence: candidate.confidence, topic: candidate.entry.topic })),
      gate,
    );
    const results: SearchHit[] = ranked.slice(0, limit).map(({ entry, confidence: value }) => ({
      id: entry.id,
      topic: entry.topic,
      lang: entry.lang,
      title: entry.title,
      score: Math.round(value * 1000) / 1000,
    }));
    return { query: text, decision, mode: 'lexical', results };
  }

  return {
    search,
    entry: (id, lang) => byKey.get(key(lang, id)),
    info,
  };
}

/**
 * The language to answer in: the requested one, unless the other language's entries
 * explain the question clearly better (an English question typed into the Vietnamese
 * widget, or the reverse).
 */
function answerLanguage(scored: readonly { entry: CorpusEntry; confidence: number }[], requested: Lang): Lang {
  const other: Lang = requested === 'vi' ? 'en' : 'vi';
  let bestRequested = 0;
  let bestOther = 0;
  for (const { entry, confidence: value } of scored) {
    if (entry.lang === requested) bestRequested = Math.max(bestRequested, value);
    else bestOther = Math.max(bestOther, value);
  }
  return bestOther >= bestRequested + ENGINE_DEFAULTS.languageSwitchMargin ? other : requested;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return ENGINE_DEFAULTS.limit;
  return Math.min(ENGINE_DEFAULTS.maxLimit, Math.max(1, Math.floor(limit)));
}

function key(lang: string, id: string): string {
  return `${lang}:${id}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const ENGINE_DEFAULTS = Object.freeze({
  /** Hits returned when no limit is given. */
  limit: 5,
  /** Hits returned at most. */
  maxLimit: 50,
  /** Lead in confidence the other language's best entry needs before hits switch language. */
  languageSwitchMargin: 0.15,
  /** Confidence factor of an entry shown in a language other than the answer language (no translation exists). */
  otherLanguageFactor: 0.9,
});
