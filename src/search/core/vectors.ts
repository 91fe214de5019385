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
 * the int8 vector's own norm. The vectors are one base64 string (4 characters per 3 bytes,
 * versus about 4 per component as a JSON number list).
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

/** `CorpusArtifact.embeddings`: the vectors of every phrasing, for the artifact's `modelId`. */
export interface SerialisedEmbeddings {
  /** Components per vector. */
  dim: number;
  /** Vectors: one per phrasing (title and questions of each entry, in artifact order). */
  count: number;
  /** The prefix the texts were embedded with ({@link EMBEDDING_PREFIX}). */
  prefix: string;
  quantisation: typeof EMBEDDING_QUANTISATION;
  /** `count × dim` int8 values, vector after vector, base64. */
  vectors: string;
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
 * Quantises vectors for the artifact. Deterministic: the same vectors give the same string.
 *
 * @throws RangeError when the vectors differ in length or hold a non-finite number
 * @example artifact.embeddings = encodeEmbeddings(await embedder.embed(phrasingTexts(artifact.entries)));
 */
export function encodeEmbeddings(vectors: readonly Float32Array[]): SerialisedEmbeddings {
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
  return {
    dim,
    count: vectors.length,
    prefix: EMBEDDING_PREFIX,
    quantisation: EMBEDDING_QUANTISATION,
    vectors: toBase64(new Uint8Array(values.buffer)),
  };
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

/**
 * Reads the artifact's `embeddings` for its entries.
 *
 * @throws CorpusError when the data is malformed or does not fit the entries
 */
export function loadEmbeddings(data: unknown, entries: readonly CorpusEntry[]): DenseIndex {
  if (!isSerialisedEmbeddings(data)) {
    throw new CorpusError('dvc/search: the corpus embeddings are malformed; rebuild the corpus with `npm run corpus:build -- --model <id>`');
  }
  const owner: number[] = [];
  entries.forEach((entry, index) => {
    for (let i = 0; i <= entry.questions.length; i++) owner.push(index);
  });
  if (owner.length !== data.count) {
    throw new CorpusError(`dvc/search: the corpus holds ${data.count} vectors but its entries have ${owner.length} phrasings; rebuild it`);
  }
  let values: Int8Array;
  try {
    const bytes = fromBase64(data.vectors);
    values = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } catch (error) {
    throw new CorpusError('dvc/search: the corpus vectors are not valid base64; rebuild it', { cause: error });
  }
  const { dim, count } = data;
  if (values.length !== dim * count) {
    throw new CorpusError(`dvc/search: the corpus vectors hold ${values.length} values, expected ${dim} × ${count}; rebuild it`);
  }
  const inverseNorm = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let norm = 0;
    for (let i = row * dim; i < (row + 1) * dim; i++) norm += values[i]! * values[i]!;
    inverseNorm[row] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  }
  const entryCount = entries.length;

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

function isSerialisedEmbeddings(data: unknown): data is SerialisedEmbeddings {
  if (typeof data !== 'object' || data === null) return false;
  const value = data as Partial<SerialisedEmbeddings>;
  return (
    Number.isInteger(value.dim) &&
    value.dim! > 0 &&
    Number.isInteger(value.count) &&
    value.count! >= 0 &&
    value.prefix === EMBEDDING_PREFIX &&
    value.quantisation === EMBEDDING_QUANTISATION &&
    typeof value.vectors === 'string'
  );
}

// ---------------------------------------------------------------------------------------
// Base64 (no atob/Buffer: the core runs the same in Node, workers and pages)
// ---------------------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

/**
 * @throws SyntaxError when the text is not padded standard base64
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new SyntaxError('base64 length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const sextet = (at: number): number => {
    const code = text.charCodeAt(at);
    if (code === 61 /* = */ && at >= text.length - padding) return 0;
    const value = code < 128 ? DECODE[code]! : -1;
    if (value < 0) throw new SyntaxError(`invalid base64 character at ${at}`);
    return value;
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const triple = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
    out[o++] = (triple >> 16) & 255;
    if (o < out.length) out[o++] = (triple >> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  return out;
}
