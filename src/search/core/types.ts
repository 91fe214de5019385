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
  lexical: unknown /* the analyser's id; the engine indexes the entries at load */;
  /**
   * Where the int8 vectors of every phrasing for `modelId` are (a sidecar file next to the
   * artifact) and their shape: `EmbeddingsRecord` in `vectors.ts`. Present exactly when
   * `modelId` is not null.
   */
  embeddings?: unknown;
}

/** How a search was answered: lexical only, or lexical fused with the embedding model. */
export type SearchMode = SearchResult['mode'];

/**
 * Why the engine stays lexical after the client asked for the model (`mode` message):
 * - `disabled`: no model configured (`model="none"`);
 * - `not-listed`: the model base's `index.json` does not list the model (or is missing);
 * - `no-embeddings`: the corpus has no vectors for this model (rebuild it with `--model`);
 * - `unsupported`: this engine cannot run a model (the main-thread fallback);
 * - `failed`: downloading or starting the model failed.
 */
export type LexicalReason = 'disabled' | 'not-listed' | 'no-embeddings' | 'unsupported' | 'failed';

/** Download progress of the model, all its files together (bytes; `total` 0 while unknown). */
export interface ModelProgress {
  loaded: number;
  total: number;
  /** The file being downloaded (relative to the model folder), e.g. `onnx/model_quantized.onnx`. */
  file: string;
}

/** The engine's search mode after a model load settled. */
export interface ModeChange {
  mode: SearchMode;
  /** Set when `mode` is `lexical`. */
  reason?: LexicalReason;
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
 * Injected into the engine, which embeds only the question (phrasings are embedded at build
 * time by the same model). Implementations apply `embeddingInput` (the `query: ` prefix)
 * themselves: `embedderFromPipeline` in `src/search/worker/embedder-pipeline.ts`.
 */
export interface Embedder {
  /** Model id, compared with the artifact's `modelId`. */
  id: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}
