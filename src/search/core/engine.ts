import { languageEvidence } from './analyse.js';
import {
  GATE_DEFAULTS,
  confidence,
  decide,
  gateOptions,
  type GateCandidate,
  type GateOptions,
  type HybridGateOptions,
} from './gate.js';
import { loadLexicalIndex, type LexicalMatch } from './lexical.js';
import { foldedWords, scopeEvidence, subjectShare, subjectWords } from './scope.js';
import { syllables } from './normalise.js';
import { parseArtifact } from './serialise.js';
import type { CorpusArtifact, CorpusEntry, Embedder, EngineInfo, SearchHit, SearchMode, SearchResult } from './types.js';
import { hybridConfidence, loadEmbeddings, type DenseIndex, type EmbeddingsRecord } from './vectors.js';

type Lang = 'vi' | 'en';

/** Gate settings replacing the defaults; `hybrid` replaces the hybrid ones key by key. */
export type GateOverrides = Partial<Omit<GateOptions, 'hybrid'>> & { hybrid?: Partial<HybridGateOptions> };

export interface EngineOptions {
  /**
   * Embedding model for hybrid search; used only when its `id` is the artifact's
   * `modelId` (the phrasing vectors were made by the same model). Can also be attached
   * later with {@link Engine.setEmbedder}, when the model has loaded.
   */
  embedder?: Embedder;
  /** Gate settings replacing the frozen defaults (`GATE_DEFAULTS`). */
  gate?: GateOverrides;
  /** The artifact's vectors sidecar (the file its `embeddings.file` names), when already at hand. */
  vectors?: Uint8Array | ArrayBuffer;
  /**
   * Lexical mode scores every matching entry instead of pruning the ones that cannot reach
   * the hits (the same results, slower on large corpora): the reference tests compare with.
   */
  exhaustive?: boolean;
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
  /**
   * Ranks entries for a question and decides answer / suggest / handoff. Lexical mode
   * answers without waiting for anything; hybrid mode first embeds the question. If the
   * embedder fails on a question, that question is answered lexically (`mode: 'lexical'`).
   */
  search(text: string, options?: SearchOptions): Promise<SearchResult>;
  /**
   * The same search in lexical mode whatever is attached, synchronously (benchmarks of the
   * lexical path, comparisons between modes).
   */
  searchLexical(text: string, options?: SearchOptions): SearchResult;
  /**
   * What the lexical gate decides from for a question: every candidate entry, best first,
   * with its unrounded confidence, topic and query coverage (`npm run calibrate` replays
   * the decision over these).
   */
  gateCandidates(text: string, options?: SearchOptions): GateCandidate[];
  /** One entry by id and language. */
  entry(id: string, lang: Lang): CorpusEntry | undefined;
  readonly info: EngineInfo;
  /** `hybrid` while an embedder for the artifact's model is attached. */
  readonly mode: SearchMode;
  /**
   * Attaches an embedder (or detaches with null) and returns the resulting mode: `hybrid`
   * only when the artifact holds vectors of that embedder's model.
   */
  setEmbedder(embedder: Embedder | null): SearchMode;
  /** The vectors sidecar's file name (relative to the artifact), null for a lexical-only artifact. */
  readonly vectorsFile: string | null;
  /**
   * Attaches the vectors sidecar, needed before an embedder can make the engine hybrid.
   *
   * @throws CorpusError when the bytes are not this artifact's vectors (another corpus hash or model: a stale file)
   */
  loadVectors(data: Uint8Array | ArrayBuffer): void;
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
 * (await engine.search('lam lai cccd o dau', { lang: 'vi' })).decision; // → 'answer'
 */
export function createEngine(artifact: CorpusArtifact, options: EngineOptions = {}): Engine {
  const checked = parseArtifact(artifact);
  const entries = checked.entries;
  const lexical = loadLexicalIndex(checked.lexical, entries);
  // The vectors are a sidecar, attached when the model loads (`loadVectors`) or given here.
  let dense: DenseIndex | null = options.vectors ? loadEmbeddings(options.vectors, checked) : null;
  const byKey = new Map(entries.map((entry) => [key(entry.lang, entry.id), entry]));
  const baseGate: GateOptions = {
    ...GATE_DEFAULTS,
    ...options.gate,
    hybrid: { ...GATE_DEFAULTS.hybrid, ...options.gate?.hybrid },
  };
  const langs = (['vi', 'en'] as const).filter((lang) => entries.some((entry) => entry.lang === lang));
  const info: EngineInfo = Object.freeze({
    format: checked.format,
    corpusHash: checked.corpusHash,
    modelId: checked.modelId,
    entries: entries.length,
    langs: [...langs],
  });
  let embedder: Embedder | null = null;

  function setEmbedder(next: Embedder | null): SearchMode {
    embedder = next && dense && next.id === checked.modelId ? next : null;
    return embedder ? 'hybrid' : 'lexical';
  }
  setEmbedder(options.embedder ?? null);

  /** Best cosine of every entry with the question, `null` inside when the model knows none of it. */
  async function denseEvidence(text: string, current: Embedder): Promise<Float32Array | null> {
    if (text.trim() === '') return null;
    const [vector] = await current.embed([text]);
    return vector ? dense!.entryCosines(vector) : null;
  }

  async function search(text: string, searchOptions: SearchOptions = {}): Promise<SearchResult> {
    const current = embedder;
    if (!current) return searchLexical(text, searchOptions);
    const matches = lexical.search(text);
    let cosines: Float32Array | null;
    try {
      cosines = await denseEvidence(text, current);
    } catch {
      // The model failed on this question: it still gets the lexical answer.
      return rank(text, searchOptions, matches, undefined)!;
    }
    return rank(text, searchOptions, matches, cosines)!;
  }

  /**
   * Ranks and decides. `cosines` undefined = lexical mode; null = hybrid mode without
   * dense evidence for this question; else the best cosine of each entry.
   */
  /**
   * Lexical mode: a pruned search (`searchPruned`) needs exact evidence only for the entries
   * that can matter; when the ranking shows they might not be enough (an omitted entry
   * could reach the hits shown, the rival or a language's best), the exhaustive search decides.
   */
  function searchLexical(text: string, searchOptions: SearchOptions = {}): SearchResult {
    if (options.exhaustive) return rank(text, searchOptions, lexical.search(text), undefined)!;
    const gate = gateOptions(searchOptions.threshold, baseGate);
    const limit = clampLimit(searchOptions.limit);
    const pruned = lexical.searchPruned(text, { confidence: (evidence) => confidence(evidence, gate), keep: limit });
    return rank(text, searchOptions, pruned.matches, undefined, pruned.omitted) ?? rank(text, searchOptions, lexical.search(text), undefined)!;
  }

  /**
   * Ranks and decides. With `omitted` (the confidence bounds of entries a pruned search left
   * out), returns null when one of them could change the hits shown or the decision.
   */
  function rank(
    text: string,
    searchOptions: SearchOptions,
    matches: readonly LexicalMatch[],
    cosines: Float32Array | null | undefined,
    omitted?: Readonly<Record<Lang, number>>,
    inspect?: (candidates: GateCandidate[]) => void,
  ): SearchResult | null {
    const lang: Lang = searchOptions.lang === 'en' ? 'en' : 'vi';
    const limit = clampLimit(searchOptions.limit);
    const gate = gateOptions(searchOptions.threshold, baseGate);
    const hybrid = cosines !== undefined;
    const topScore = matches[0]?.score ?? 0;

    const lexicalConfidence = new Map<number, { confidence: number; score: number; coverage: number }>();
    for (const match of matches) {
      const evidence = {
        queryCoverage: match.queryCoverage,
        phrasingCoverage: match.phrasingCoverage,
        relativeScore: topScore > 0 ? match.score / topScore : 0,
      };
      lexicalConfidence.set(match.entry, { confidence: confidence(evidence, gate), score: match.score, coverage: match.queryCoverage });
    }

    const positions = [...lexicalConfidence.keys()];
    if (hybrid && cosines) {
      for (const position of topPositions(cosines, ENGINE_DEFAULTS.denseCandidates)) {
        if (!lexicalConfidence.has(position)) positions.push(position);
      }
    }
    const scored: Candidate[] = positions.map((position) => {
      const found = lexicalConfidence.get(position);
      const cosine = cosines ? cosines[position]! : -1;
      const value = hybrid ? hybridConfidence(found?.confidence ?? 0, cosines ? cosine : null, gate.hybrid) : found!.confidence;
      return { entry: entries[position]!, confidence: value, cosine, score: found?.score ?? 0, coverage: found?.coverage ?? 0 };
    });

    // A question written in English is answered with the English entries wherever they
    // exist, whatever the widget's language; entries that exist only in Vietnamese keep
    // their place (the translated reading already trusts them less). Otherwise the
    // requested language wins unless the other one explains the question clearly better.
    const english = langs.includes('en') && writtenInEnglish(text);
    const targetLang: Lang = english ? 'en' : answerLanguage(scored, lang);
    const byId = new Map<string, Candidate>();
    for (const candidate of scored) {
      const known = byId.get(candidate.entry.id);
      if (!known || candidate.confidence > known.confidence) byId.set(candidate.entry.id, { ...candidate });
    }
    const ranked = [...byId.values()].map((candidate) => {
      const shown = byKey.get(key(targetLang, candidate.entry.id)) ?? candidate.entry;
      const penalty = shown.lang === targetLang || english ? 1 : ENGINE_DEFAULTS.otherLanguageFactor;
      return { ...candidate, entry: shown, confidence: candidate.confidence * penalty };
    });
    ranked.sort(
      (a, b) => b.confidence - a.confidence || b.cosine - a.cosine || b.score - a.score || compare(a.entry.id, b.entry.id),
    );

    if (omitted && !prunedRankingHolds(scored, ranked, limit, omitted)) return null;
    const candidates: GateCandidate[] = ranked.map((candidate) => ({
      confidence: candidate.confidence,
      topic: candidate.entry.topic,
      coverage: candidate.coverage,
    }));
    // Only the lexical gate reads subject shares (the hybrid one has no subject lead), and
    // only to keep a first entry sure enough to be the answer from being it. `inspect`
    // (calibration) sees them on every question, because it replays other thresholds.
    if (!hybrid && gate.subjectLead !== undefined && (inspect || (candidates[0]?.confidence ?? 0) >= gate.answer)) {
      markSubject(text, candidates, ranked.map((candidate) => candidate.entry));
    }
    inspect?.(candidates);
    const decision = decide(candidates, hybrid ? gate.hybrid : gate, { outOfScope: scopeEvidence(text).share });
    const results: SearchHit[] = ranked.slice(0, limit).map(({ entry, confidence: value }) => ({
      id: entry.id,
      topic: entry.topic,
      lang: entry.lang,
      title: entry.title,
      score: Math.round(value * 1000) / 1000,
    }));
    return { query: text, decision, mode: hybrid ? 'hybrid' : 'lexical', results };
  }

  /**
   * Sets the subject share (`GateCandidate.subject`) of the first candidate and of its
   * rival, the only two the gate compares on it; vocabularies are built on first use.
   */
  function markSubject(text: string, candidates: GateCandidate[], shown: readonly CorpusEntry[]): void {
    const [first] = candidates;
    if (!first) return;
    const rival = candidates.findIndex((candidate) => candidate.topic !== first.topic);
    if (rival < 0) return;
    const subject = subjectWords(text);
    const weight = subjectWeight();
    for (const index of [0, rival]) candidates[index]!.subject = subjectShare(subject, vocabularyOf(shown[index]!), weight);
  }

  /**
   * Weight of a subject word: its inverse document frequency over the entries' vocabularies
   * (a word no entry has weighs like the rarest), so a rival that only adds a common word
   * ("xong", "nhà") does not outweigh one that names the subject. Built on first use.
   */
  function subjectWeight(): (word: string) => number {
    if (!entryFrequency) {
      entryFrequency = new Map();
      for (const entry of entries) {
        for (const word of vocabularyOf(entry)) entryFrequency.set(word, (entryFrequency.get(word) ?? 0) + 1);
      }
    }
    const frequency = entryFrequency;
    return (word) => Math.log((entries.length + 1) / ((frequency.get(word) ?? 0) + 1));
  }
  let entryFrequency: Map<string, number> | undefined;

  function vocabularyOf(entry: CorpusEntry): ReadonlySet<string> {
    let words = vocabularies.get(entry);
    if (!words) {
      words = new Set(foldedWords([entry.title, ...entry.questions, ...entry.tags].join(' \n ')));
      vocabularies.set(entry, words);
    }
    return words;
  }
  const vocabularies = new WeakMap<CorpusEntry, Set<string>>();

  return {
    search,
    searchLexical,
    gateCandidates(text, searchOptions = {}) {
      let seen: GateCandidate[] = [];
      rank(text, searchOptions, lexical.search(text), undefined, undefined, (candidates) => {
        seen = candidates;
      });
      return seen;
    },
    entry: (id, lang) => byKey.get(key(lang, id)),
    info,
    get mode() {
      return embedder ? 'hybrid' : 'lexical';
    },
    setEmbedder,
    vectorsFile: checked.embeddings === undefined ? null : (checked.embeddings as EmbeddingsRecord).file,
    loadVectors(data) {
      dense = loadEmbeddings(data, checked, (checked.embeddings as EmbeddingsRecord | undefined)?.file);
    },
  };
}

interface Candidate {
  entry: CorpusEntry;
  /** Gate confidence: lexical, or hybrid in hybrid mode. */
  confidence: number;
  /** Best cosine of the entry's phrasings; -1 without dense evidence. */
  cosine: number;
  /** BM25 score; 0 when only the dense side found the entry. */
  score: number;
  /** Lexical query coverage; 0 when only the dense side found the entry. */
  coverage: number;
}

/**
 * Whether a ranking made without the omitted entries is the full ranking's: the hits shown,
 * the rival (best of another topic) and each language's best all beat every omitted entry's
 * confidence bound (an omitted entry's hit, once merged and ranked, is no more confident).
 */
function prunedRankingHolds(
  scored: readonly Candidate[],
  ranked: readonly Candidate[],
  limit: number,
  omitted: Readonly<Record<Lang, number>>,
): boolean {
  const ceiling = Math.max(omitted.vi, omitted.en);
  if (ceiling === -Infinity) return true;
  if (ranked.length < limit || !(ranked[limit - 1]!.confidence > ceiling)) return false;
  const rival = ranked.find((candidate) => candidate.entry.topic !== ranked[0]!.entry.topic);
  if (!rival || !(rival.confidence > ceiling)) return false;
  for (const lang of ['vi', 'en'] as const) {
    if (omitted[lang] === -Infinity) continue;
    const best = Math.max(...scored.filter((candidate) => candidate.entry.lang === lang).map((candidate) => candidate.confidence));
    if (!(best > omitted[lang])) return false;
  }
  return true;
}

/** Positions of the `count` largest values, largest first. */
function topPositions(values: Float32Array, count: number): number[] {
  return [...values.keys()].sort((a, b) => values[b]! - values[a]! || a - b).slice(0, count);
}

/**
 * Whether a question is written in English: it reads as English and holds at least two
 * words that can only be English ("how", "register"), so a lone keyword in a Vietnamese
 * widget ("passport") is not taken for an English question. Cheap: no analysis.
 */
function writtenInEnglish(text: string): boolean {
  const { english, vietnamese } = languageEvidence(syllables(text).slice(0, ENGINE_DEFAULTS.languageTokens));
  return english > vietnamese && english >= ENGINE_DEFAULTS.minEnglishWords;
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
  /** Tokens of the question read to tell whether it is written in English. */
  languageTokens: 64,
  /** Words that can only be English a question needs before it counts as written in English. */
  minEnglishWords: 2,
  /** Lead in confidence the other language's best entry needs before hits switch language (questions not written in English). */
  languageSwitchMargin: 0.15,
  /** Confidence factor of an entry shown in a language other than the answer language (no translation exists). */
  otherLanguageFactor: 0.9,
  /** Entries the dense side adds as candidates in hybrid mode (best cosines), besides every lexical match. */
  denseCandidates: 20,
});
