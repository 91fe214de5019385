import { CorpusError } from '../../errors.js';
import { buildLexicalIndex } from './lexical.js';
import type { CorpusArtifact, CorpusEntry } from './types.js';
import { isEmbeddingsRecord } from './vectors.js';

/**
 * Version of the compiled corpus artifact (`dist/corpus.json`). Bump it whenever the
 * artifact's shape or the meaning of its index changes; engines refuse other versions.
 * (Changes to the abbreviation or stopword tables are caught separately, by the
 * analyser fingerprint stored in the lexical index.)
 */
export const FORMAT_VERSION = 3;
// Format history: 1 — entries + lexical index; 2 — `embeddings` (int8 phrasing vectors of
// `modelId`, see vectors.ts) and a corpus hash that includes the model id; 3 — no index
// (the engine indexes the entries at load; `lexical` only names the analyser) and the
// vectors in a sidecar file that `embeddings` names (`EmbeddingsRecord`).

export interface ArtifactSource {
  /** Hash of the normalised corpus sources (hex). */
  corpusHash: string;
  /** Embedding model the artifact's vectors were computed with; `null` for lexical only. */
  modelId?: string | null;
}

/**
 * Builds the artifact: entries sorted by (lang, id) with their keys in a fixed order, and
 * the lexical record. Deterministic: the same entries give the same artifact.
 *
 * @example stringifyArtifact(createArtifact(entries, { corpusHash: 'ab12…' }))
 */
export function createArtifact(entries: readonly CorpusEntry[], source: ArtifactSource): CorpusArtifact {
  const sorted = entries.map(canonicalEntry).sort(byLangThenId);
  return {
    format: FORMAT_VERSION,
    corpusHash: source.corpusHash,
    modelId: source.modelId ?? null,
    createdFrom: sorted.length,
    entries: sorted,
    lexical: buildLexicalIndex(sorted),
  };
}

/** The artifact as compact JSON (its key order is fixed by {@link createArtifact}). */
export function stringifyArtifact(artifact: CorpusArtifact): string {
  return JSON.stringify(artifact);
}

/**
 * Checks that data (JSON text or an already parsed object) is an artifact this engine
 * can load.
 *
 * @throws CorpusError when it is not JSON, not an artifact, or of another format version
 */
export function parseArtifact(data: unknown): CorpusArtifact {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data) as unknown;
    } catch (error) {
      throw new CorpusError('dvc/search: the corpus artifact is not valid JSON', { cause: error });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorpusError('dvc/search: the corpus artifact is not an object');
  }
  const artifact = value as Partial<CorpusArtifact>;
  if (artifact.format !== FORMAT_VERSION) {
    throw new CorpusError(
      `dvc/search: corpus artifact format ${JSON.stringify(artifact.format ?? null)} is not supported ` +
        `(this engine reads format ${FORMAT_VERSION}); rebuild the corpus with \`npm run corpus:build\` ` +
        'using the same version of dvc-assistant as the widget',
    );
  }
  if (typeof artifact.corpusHash !== 'string' || !Array.isArray(artifact.entries) || artifact.lexical === undefined) {
    throw new CorpusError('dvc/search: the corpus artifact is incomplete (corpusHash, entries or lexical missing)');
  }
  const modelId = typeof artifact.modelId === 'string' ? artifact.modelId : null;
  if ((modelId === null) !== (artifact.embeddings === undefined)) {
    throw new CorpusError(
      modelId === null
        ? 'dvc/search: the corpus artifact has embeddings but no modelId; rebuild it'
        : `dvc/search: the corpus artifact names model ${modelId} but has no embeddings; rebuild it`,
    );
  }
  if (artifact.embeddings !== undefined && !isEmbeddingsRecord(artifact.embeddings)) {
    throw new CorpusError('dvc/search: the corpus artifact\'s embeddings record is malformed (file, dim, count, prefix, quantisation, bytes); rebuild it');
  }
  const bad = artifact.entries.findIndex((entry: unknown) => !looksLikeEntry(entry));
  if (bad >= 0) throw new CorpusError(`dvc/search: entry ${bad} of the corpus artifact is malformed`);
  return {
    format: artifact.format,
    corpusHash: artifact.corpusHash,
    modelId,
    createdFrom: typeof artifact.createdFrom === 'number' ? artifact.createdFrom : artifact.entries.length,
    entries: artifact.entries,
    lexical: artifact.lexical,
    ...(artifact.embeddings === undefined ? {} : { embeddings: artifact.embeddings }),
  };
}

function looksLikeEntry(value: unknown): value is CorpusEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<CorpusEntry>;
  return (
    typeof entry.id === 'string' &&
    (entry.lang === 'vi' || entry.lang === 'en') &&
    typeof entry.title === 'string' &&
    typeof entry.topic === 'string' &&
    typeof entry.answer === 'string' &&
    Array.isArray(entry.questions) &&
    Array.isArray(entry.tags)
  );
}

/** A copy of the entry with keys in one fixed order, optional keys only when set. */
function canonicalEntry(entry: CorpusEntry): CorpusEntry {
  return {
    id: entry.id,
    lang: entry.lang,
    title: entry.title,
    topic: entry.topic,
    questions: [...entry.questions],
    tags: [...entry.tags],
    answer: entry.answer,
    updated: entry.updated,
    sources: [...entry.sources],
    links: entry.links.map((link) => ({ title: link.title, url: link.url })),
    ...(entry.procedure === undefined ? {} : { procedure: entry.procedure }),
    ...(entry.tour === undefined ? {} : { tour: entry.tour }),
  };
}

function byLangThenId(a: CorpusEntry, b: CorpusEntry): number {
  return compare(a.lang, b.lang) || compare(a.id, b.id);
}

/** Code-unit order, independent of the runtime's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
