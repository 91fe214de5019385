/**
 * Public types of the search engine: what the corpus compiler writes, what the worker
 * answers and what the UI renders. Shapes here are a contract with the UI and the CLI.
 */

/** One FAQ entry in one language, as compiled from `corpus/<lang>/<id>.md`. */
export interface CorpusEntry {
  id: string;
  lang: 'vi' | 'en';
  title: string;
  topic: string;
  questions: string[];
  tags: string[];
  answer: string /* Markdown */;
  updated: string /* YYYY-MM-DD */;
  sources: string[];
  links: { title: string; url: string }[];
  procedure?: string;
  tour?: string;
}

export type Decision = 'answer' | 'suggest' | 'handoff';

export interface SearchHit {
  id: string;
  topic: string;
  lang: 'vi' | 'en';
  title: string;
  score: number /* gate confidence in [0,1] */;
}

export interface SearchResult {
  query: string;
  decision: Decision;
  mode: 'lexical' | 'hybrid';
  results: SearchHit[] /* best first, ≤ limit (default 5) */;
}

export interface CorpusArtifact {
  format: number;
  corpusHash: string;
  modelId: string | null;
  createdFrom: number /* entry count */;
  entries: CorpusEntry[];
  lexical: unknown /* serialised index */;
  embeddings?: unknown;
}

/** What a loaded engine says about itself (`ready` message, `SearchClient.ready`). */
export interface EngineInfo {
  format: number;
  corpusHash: string;
  modelId: string | null;
  /** Number of entries, all languages together. */
  entries: number;
  langs: ('vi' | 'en')[];
}

/**
 * The seam for dense retrieval: turns texts into vectors (one per text, same length).
 * Injected into the engine; the lexical engine accepts one and does not call it yet.
 */
export interface Embedder {
  /** Model id, compared with the artifact's `modelId`. */
  id: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}
