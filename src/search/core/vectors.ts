import { CorpusError } from '../../errors.js';
import type { HybridGateOptions } from './gate.js';
import type { CorpusEntry } from './types.js';

/**
 * Dense retrieval: the phrasing vectors stored in the artifact, cosine search over them,
 * and the fusion of dense and lexical evidence into one hybrid confidence.
 *
 * Storage: one vector per phrasing (each entry's title, then its questions, in artifact
 * order), quantised to int8 *per vector* (symmetric: the largest component maps to ±127).
 * No scale is stored: cosine does not depend on a vector's length, so the engine divides by
 * the int8 vector's own norm. The vectors are a binary sidecar file next to the artifact,
 * keyed by the artifact's corpus hash and model id ({@link encodeVectorFile}).
 *
 * Both sides of the comparison are "query: "-prefixed (e5's symmetric use: a citizen's
 * question is compared with other questions, not with passages).
 */

/** Prefix of every text embedded, phrasings and questions alike (e5 models are trained with it). */
export const EMBEDDING_PREFIX = 'query: ';

/** Characters of a question embedded at most (a pasted page is cut; the model truncates anyway). */
export const MAX_EMBEDDED_CHARS = 512;

/** How the vectors are quantised (stored in the artifact, checked at load). */
export const EMBEDDING_QUANTISATION = 'int8-per-vector';

/**
 * `CorpusArtifact.embeddings`: where the phrasing vectors of the artifact's `modelId` are
 * and what they are. The vectors themselves are a sidecar file next to the artifact
 * (see {@link encodeVectorFile}), fetched only when the model loads: visitors who search
 * lexically never download them.
 */
export interface EmbeddingsRecord {
  /** The sidecar's file name, relative to the artifact's URL (see {@link vectorFileName}). */
  file: string;
  /** Components per vector. */
  dim: number;
  /** Vectors: one per phrasing (title and questions of each entry, in artifact order). */
  count: number;
  /** The prefix the texts were embedded with ({@link EMBEDDING_PREFIX}). */
  prefix: string;
  quantisation: typeof EMBEDDING_QUANTISATION;
  /** Size of the sidecar in bytes. */
  bytes: number;
}

/** What identifies a sidecar's corpus: written in its header, compared with the artifact at load. */
export interface VectorFileKey {
  corpusHash: string;
  modelId: string;
}

/** The first bytes of a sidecar ("DVCV") and the version of its layout. */
const MAGIC = [0x44, 0x56, 0x43, 0x56] as const;
export const VECTOR_FILE_VERSION = 1;

/**
 * The sidecar's name for an artifact and a model: `<artifact stem>.vectors.<model>.bin`,
 * the model id with every character outside `[A-Za-z0-9._-]` as `-`.
 *
 * @example vectorFileName('corpus.json', 'Xenova/multilingual-e5-small') // → 'corpus.vectors.Xenova-multilingual-e5-small.bin'
 */
export function vectorFileName(artifactName: string, modelId: string): string {
  const stem = artifactName.replace(/\.json$/, '');
  return `${stem}.vectors.${modelId.replace(/[^A-Za-z0-9._-]/g, '-')}.bin`;
}

/**
 * The text an embedder actually encodes for a question or phrasing: NFC, trimmed, cut to
 * {@link MAX_EMBEDDED_CHARS} characters, with {@link EMBEDDING_PREFIX}. Every embedder (Node
 * at build time, the worker at query time) goes through this one function.
 *
 * @example embeddingInput(' Làm lại CCCD ') // → 'query: Làm lại CCCD'
 */
export function embeddingInput(text: string): string {
  const chars = [...text.normalize('NFC').trim()];
  return EMBEDDING_PREFIX + (chars.length > MAX_EMBEDDED_CHARS ? chars.slice(0, MAX_EMBEDDED_CHARS).join('') : chars.join(''));
}

/** The phrasings embedded for an artifact, in storage order: each entry's title, then its questions. */
export function phrasingTexts(entries: readonly CorpusEntry[]): string[] {
  return entries.flatMap((entry) => [entry.title, ...entry.questions]);
}

/**
 * Quantises vectors: int8 per vector, symmetric (the largest component maps to ±127).
 *
 * @throws RangeError when the vectors differ in length or hold a non-finite number
 */
export function quantise(vectors: readonly Float32Array[]): { dim: number; values: Int8Array } {
  const dim = vectors[0]?.length ?? 0;
  const values = new Int8Array(vectors.length * dim);
  vectors.forEach((vector, row) => {
    if (vector.length !== dim) throw new RangeError(`vector ${row} has ${vector.length} components, expected ${dim}`);
    let max = 0;
    for (const value of vector) {
      if (!Number.isFinite(value)) throw new RangeError(`vector ${row} holds a non-finite number`);
      max = Math.max(max, Math.abs(value));
    }
    if (max === 0) return; // a zero vector (nothing the model knows) stays zero
    for (let i = 0; i < dim; i++) values[row * dim + i] = Math.round((vector[i]! / max) * 127);
  });
  return { dim, values };
}

/**
 * The sidecar file of the phrasing vectors: "DVCV", a little-endian u32 header length, a
 * JSON header (layout version, corpus hash, model id, dim, count, prefix, quantisation),
 * then `count × dim` int8 values, vector after vector. Binary, not base64 in JSON: a
 * quarter smaller, and int8 values hardly compress. Deterministic: the same vectors and key
 * give the same bytes.
 *
 * @example
 * const file = encodeVectorFile(await embedder.embed(phrasingTexts(entries)), { corpusHash, modelId });
 */
export function encodeVectorFile(vectors: readonly Float32Array[], key: VectorFileKey): Uint8Array {
  const { dim, values } = quantise(vectors);
  const header = new TextEncoder().encode(
    JSON.stringify({
      version: VECTOR_FILE_VERSION,
      corpusHash: key.corpusHash,
      modelId: key.modelId,
      dim,
      count: vectors.length,
      prefix: EMBEDDING_PREFIX,
      quantisation: EMBEDDING_QUANTISATION,
    }),
  );
  const bytes = new Uint8Array(8 + header.length + values.length);
  bytes.set(MAGIC, 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.length), 8 + header.length);
  return bytes;
}

/** The artifact's record of a sidecar made by {@link encodeVectorFile}. */
export function embeddingsRecord(file: string, bytes: Uint8Array): EmbeddingsRecord {
  const header = readHeader(bytes, file);
  return { file, dim: header.dim, count: header.count, prefix: header.prefix, quantisation: EMBEDDING_QUANTISATION, bytes: bytes.length };
}

interface VectorFileHeader {
  version: number;
  corpusHash: string;
  modelId: string;
  dim: number;
  count: number;
  prefix: string;
  quantisation: string;
}

function readHeader(bytes: Uint8Array, name: string): VectorFileHeader & { offset: number } {
  const fail = (why: string): never => {
    throw new CorpusError(`dvc/search: the vectors file ${name} ${why}; rebuild the corpus with \`npm run corpus:build -- --model <id>\``);
  };
  if (bytes.length < 8 || MAGIC.some((value, i) => bytes[i] !== value)) fail('is not a vectors file');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) fail('is cut short');
  let header: Partial<VectorFileHeader>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Partial<VectorFileHeader>;
  } catch {
    return fail('has an unreadable header');
  }
  if (header.version !== VECTOR_FILE_VERSION) fail(`has layout version ${String(header.version)}, this engine reads ${VECTOR_FILE_VERSION}`);
  const valid =
    typeof header.corpusHash === 'string' &&
    typeof header.modelId === 'string' &&
    Number.isInteger(header.dim) &&
    header.dim! > 0 &&
    Number.isInteger(header.count) &&
    header.count! >= 0 &&
    header.prefix === EMBEDDING_PREFIX &&
    header.quantisation === EMBEDDING_QUANTISATION;
  if (!valid) fail('has a malformed header');
  return { ...(header as VectorFileHeader), offset: 8 + length };
}

/** Stored phrasing vectors, ready for cosine search. */
export interface DenseIndex {
  readonly dim: number;
  /** Vectors per entry position, for {@link DenseIndex.entryCosines}. */
  readonly count: number;
  /**
   * The best cosine of each entry's phrasings with the query vector, by entry position;
   * `null` when the query vector is unusable (wrong length, zero, not finite), which means
   * the model knows nothing of the question: there is no dense evidence.
   */
  entryCosines(query: ArrayLike<number>): Float32Array | null;
  /** The vector of one phrasing, dequantised to unit length (tests, diagnostics). */
  vector(phrasing: number): Float32Array;
}

/** The parts of a parsed artifact a sidecar must match. */
export interface VectorFileOwner {
  corpusHash: string;
  modelId: string | null;
  entries: readonly CorpusEntry[];
}

/**
 * Reads a sidecar made for this artifact.
 *
 * @throws CorpusError when the bytes are not a vectors file, or one of another corpus or
 *   model (a stale file from an earlier deployment), or do not fit the entries
 */
export function loadEmbeddings(data: Uint8Array | ArrayBuffer, artifact: VectorFileOwner, name = 'of the corpus'): DenseIndex {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const header = readHeader(bytes, name);
  if (header.corpusHash !== artifact.corpusHash || header.modelId !== artifact.modelId) {
    throw new CorpusError(
      `dvc/search: the vectors file ${name} belongs to corpus ${header.corpusHash} (${header.modelId}), ` +
        `not to this corpus ${artifact.corpusHash} (${artifact.modelId ?? 'no model'}); deploy the corpus and its vectors file together`,
    );
  }
  const owner: number[] = [];
  artifact.entries.forEach((entry, index) => {
    for (let i = 0; i <= entry.questions.length; i++) owner.push(index);
  });
  const { dim, count } = header;
  if (owner.length !== count) {
    throw new CorpusError(`dvc/search: the corpus holds ${count} vectors but its entries have ${owner.length} phrasings; rebuild it`);
  }
  if (bytes.length - header.offset !== dim * count) {
    throw new CorpusError(`dvc/search: the vectors file ${name} holds ${bytes.length - header.offset} values, expected ${dim} × ${count}; rebuild it`);
  }
  const values = new Int8Array(bytes.buffer, bytes.byteOffset + header.offset, dim * count);
  const inverseNorm = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let norm = 0;
    for (let i = row * dim; i < (row + 1) * dim; i++) norm += values[i]! * values[i]!;
    inverseNorm[row] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  }
  const entryCount = artifact.entries.length;

  return {
    dim,
    count,
    entryCosines(query) {
      const unit = unitVector(query, dim);
      if (!unit) return null;
      const best = new Float32Array(entryCount).fill(-1);
      for (let row = 0; row < count; row++) {
        let dot = 0;
        const offset = row * dim;
        for (let i = 0; i < dim; i++) dot += values[offset + i]! * unit[i]!;
        const cosine = dot * inverseNorm[row]!;
        const entry = owner[row]!;
        if (cosine > best[entry]!) best[entry] = cosine;
      }
      return best;
    },
    vector(phrasing) {
      const out = new Float32Array(dim);
      for (let i = 0; i < dim; i++) out[i] = values[phrasing * dim + i]! * inverseNorm[phrasing]!;
      return out;
    },
  };
}

/** The query as a unit Float64 vector, or null when it has the wrong length, is zero or is not finite. */
function unitVector(query: ArrayLike<number>, dim: number): Float64Array | null {
  if (query.length !== dim) return null;
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += query[i]! * query[i]!;
  if (!Number.isFinite(norm) || norm < 1e-12) return null;
  const scale = 1 / Math.sqrt(norm);
  const unit = new Float64Array(dim);
  for (let i = 0; i < dim; i++) unit[i] = query[i]! * scale;
  return unit;
}

// ---------------------------------------------------------------------------------------
// Fusion
// ---------------------------------------------------------------------------------------

/**
 * Dense confidence in [0, 1]: the cosine mapped linearly from the floor (0) to the ceiling (1).
 *
 * @example denseConfidence(0.875, { cosineFloor: 0.8, cosineCeiling: 0.95 }) // → 0.5
 */
export function denseConfidence(cosine: number, options: Pick<HybridGateOptions, 'cosineFloor' | 'cosineCeiling'>): number {
  const span = options.cosineCeiling - options.cosineFloor;
  if (!Number.isFinite(cosine) || !(span > 0)) return 0;
  return clamp((cosine - options.cosineFloor) / span);
}

/**
 * Fuses an entry's lexical confidence (the lexical gate's, in [0, 1]) and its best cosine
 * into the hybrid confidence, a convex combination: both inputs are already on comparable,
 * query-independent scales, which is what makes a convex combination work (Bruch, Gai and
 * Ingber, TOIS 2023), and the result is the confidence the hybrid gate thresholds. Hits are
 * ranked by it, as lexical hits are ranked by lexical confidence.
 *
 * @param cosine - the entry's best cosine, or null without dense evidence (counts 0)
 * @example hybridConfidence(1, 0.95, GATE_DEFAULTS.hybrid) // → 1
 */
export function hybridConfidence(
  lexical: number,
  cosine: number | null,
  options: Pick<HybridGateOptions, 'denseWeight' | 'cosineFloor' | 'cosineCeiling'>,
): number {
  const weight = clamp(options.denseWeight);
  const dense = cosine === null ? 0 : denseConfidence(cosine, options);
  return clamp((1 - weight) * clamp(lexical) + weight * dense);
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/**
 * Whether data is an {@link EmbeddingsRecord}. The file must be a plain name ending in
 * `.bin` (no folder, no `..`): it is resolved against the artifact's own URL.
 */
export function isEmbeddingsRecord(data: unknown): data is EmbeddingsRecord {
  if (typeof data !== 'object' || data === null) return false;
  const value = data as Partial<EmbeddingsRecord>;
  return (
    typeof value.file === 'string' &&
    /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.bin$/.test(value.file) &&
    Number.isInteger(value.dim) &&
    value.dim! > 0 &&
    Number.isInteger(value.count) &&
    value.count! >= 0 &&
    Number.isInteger(value.bytes) &&
    value.prefix === EMBEDDING_PREFIX &&
    value.quantisation === EMBEDDING_QUANTISATION
  );
}
