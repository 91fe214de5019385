/**
 * `npm run model:tiny -- [out dir] [--corpus <dir>]…` (default out `.cache/models/`)
 *
 * Writes `<out>/dvc-test/tiny-vi-embed/`, a TEST embedding model in the exact layout
 * transformers.js v4 reads for a q8 feature-extraction model (config.json,
 * tokenizer_config.json, tokenizer.json, onnx/model_quantized.onnx), plus `<out>/index.json`.
 * It lets the whole dense path (build-time embeddings, Node embedder, browser worker,
 * fusion, gate) run offline on machines that cannot reach Hugging Face.
 *
 * What it is: a bag of words. The tokenizer is a WordPiece over the syllables of the
 * corpus folders (accented, canonical and folded spellings; lowercase, accents kept), the
 * graph is Gather(int8 embedding table) → DequantizeLinear → × attention mask, and mean
 * pooling + normalisation in transformers.js make a sentence vector. Each syllable's vector
 * is a pseudo-random direction seeded by its folded form, plus a small part seeded by its
 * accented form, so "Làm lại căn cước" and "lam lai can cuoc" get nearly the same vector.
 * Special tokens, unknown words and the `query: ` prefix weigh nothing.
 * What it is not: a semantic model. Synonyms, paraphrases and abbreviations share nothing
 * here; never report its retrieval numbers as the quality of dense search.
 *
 * Deterministic: the same corpus text gives byte-identical files, and a syllable's vector
 * does not depend on which other syllables exist.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { canonicalSyllable, foldSyllable, syllables } from '../../src/search/core/normalise.js';
import { writeJson, writeModelIndex } from './model-index.js';
import { SPECIAL_TOKENS, writeWordPieceTokenizer } from './wordpiece-tokenizer.js';
import { DataType, encodeModel, float32Bytes, int64Bytes, int8Bytes } from './onnx-writer.js';

export const TINY_MODEL_ID = 'dvc-test/tiny-vi-embed';

export const TINY_DEFAULTS = Object.freeze({
  out: path.join('.cache', 'models'),
  corpora: ['corpus', path.join('test', 'fixtures', 'corpus')],
  /** Vector size. */
  dim: 64,
  /** Length of the accent-specific part relative to the shared (folded) part. */
  accentWeight: 0.25,
  maxLength: 128,
});


export interface TinyModelOptions {
  /** Model base folder; the model goes to `<out>/dvc-test/tiny-vi-embed/`. */
  out?: string;
  /** Folders whose Markdown files give the vocabulary (missing ones are skipped). */
  corpora?: readonly string[];
  /** Extra words for the vocabulary (tests). */
  extraWords?: readonly string[];
}

export interface TinyModel {
  id: string;
  /** The model folder. */
  dir: string;
  vocabSize: number;
  dim: number;
  onnxBytes: number;
}

/**
 * Generates the tiny test model and refreshes `<out>/index.json`.
 *
 * @example const { dir } = await makeTinyModel({ out: tmp }); // tmp/dvc-test/tiny-vi-embed
 */
export async function makeTinyModel(options: TinyModelOptions = {}): Promise<TinyModel> {
  const out = options.out ?? TINY_DEFAULTS.out;
  const words = new Set<string>(options.extraWords?.flatMap(spellings) ?? []);
  for (const corpus of options.corpora ?? TINY_DEFAULTS.corpora) {
    for (const file of await markdownFiles(corpus)) for (const token of syllables(await readFile(file, 'utf8'))) for (const word of spellings(token)) words.add(word);
  }
  const vocabulary = [...SPECIAL_TOKENS, ...[...words].sort()];
  const { dim } = TINY_DEFAULTS;
  const table = new Float32Array(vocabulary.length * dim);
  vocabulary.forEach((word, row) => {
    if (row < SPECIAL_TOKENS.length) return;
    table.set(wordVector(word, dim), row * dim);
  });
  const { values, scale } = quantise(table);

  const dir = path.join(out, ...TINY_MODEL_ID.split('/'));
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  const onnx = embeddingGraph(vocabulary.length, dim, values, scale);
  await writeFile(path.join(dir, 'onnx', 'model_quantized.onnx'), onnx);
  await writeJson(path.join(dir, 'config.json'), {
    _comment: 'dvc-assistant TEST model (npm run model:tiny): a bag of syllables, not a semantic model',
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dim,
    vocab_size: vocabulary.length,
    max_position_embeddings: TINY_DEFAULTS.maxLength,
    'transformers.js_config': { dtype: 'q8' },
  });
  await writeWordPieceTokenizer(dir, { vocabulary, maxLength: TINY_DEFAULTS.maxLength, vietnamese: true });
  await writeModelIndex(out);
  return { id: TINY_MODEL_ID, dir, vocabSize: vocabulary.length, dim, onnxBytes: onnx.length };
}

/** The spellings of one token a citizen may type: as written, canonical accented, folded with and without the `y`→`i` rule. */
function spellings(token: string): string[] {
  const lower = token.normalize('NFC').toLowerCase();
  return [...new Set([lower, canonicalSyllable(lower), plainSpelling(lower), foldSyllable(lower)])].filter((word) => word !== '');
}

/** The token without any mark, đ written d ("ký" → "ky"). */
function plainSpelling(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').normalize('NFC');
}

/**
 * A syllable's vector: a direction seeded by its folded form (shared by every spelling),
 * plus a shorter one seeded by its canonical accented form when it has accents.
 */
function wordVector(word: string, dim: number): Float32Array {
  const vector = unitVector(`w:${foldSyllable(word)}`, dim);
  if (plainSpelling(word) !== word) {
    const accent = unitVector(`a:${canonicalSyllable(word)}`, dim);
    for (let i = 0; i < dim; i++) vector[i]! += TINY_DEFAULTS.accentWeight * accent[i]!;
  }
  return vector;
}

/** A pseudo-random unit vector from a string seed (FNV-1a + xorshift; integer maths only, then one sqrt). */
function unitVector(seed: string, dim: number): Float32Array {
  let state = 0x811c9dc5;
  for (const char of seed) {
    state ^= char.codePointAt(0)!;
    state = Math.imul(state, 0x01000193) >>> 0;
  }
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  const vector = new Float32Array(dim);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    // A sum of three uniforms: roughly normal, so directions spread evenly.
    const value = next() + next() + next() - 1.5;
    vector[i] = value;
    norm += value * value;
  }
  const length = Math.sqrt(norm) || 1;
  for (let i = 0; i < dim; i++) vector[i]! /= length;
  return vector;
}

/** Symmetric int8 quantisation with one scale for the whole table. */
function quantise(table: Float32Array): { values: Int8Array; scale: number } {
  let max = 0;
  for (const value of table) max = Math.max(max, Math.abs(value));
  const scale = max > 0 ? max / 127 : 1;
  const values = new Int8Array(table.length);
  for (let i = 0; i < table.length; i++) values[i] = Math.max(-127, Math.min(127, Math.round(table[i]! / scale)));
  return { values, scale: Math.fround(scale) };
}

/** input_ids → Gather(int8 table) → DequantizeLinear → × attention mask → last_hidden_state. */
function embeddingGraph(vocabSize: number, dim: number, values: Int8Array, scale: number): Uint8Array {
  const tokens = ['batch_size', 'sequence_length'];
  return encodeModel({
    graphName: 'tiny_vi_embed',
    producer: 'dvc-assistant make-tiny-model',
    docString: 'dvc-assistant TEST model: bag of syllables; not a semantic model.',
    opset: 13,
    inputs: [
      { name: 'input_ids', elemType: DataType.INT64, shape: tokens },
      { name: 'attention_mask', elemType: DataType.INT64, shape: tokens },
    ],
    outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: [...tokens, dim] }],
    initializers: [
      { name: 'embeddings.int8', dataType: DataType.INT8, dims: [vocabSize, dim], raw: int8Bytes(values) },
      { name: 'embeddings.scale', dataType: DataType.FLOAT, dims: [], raw: float32Bytes([scale]) },
      { name: 'embeddings.zero_point', dataType: DataType.INT8, dims: [], raw: int8Bytes([0]) },
      { name: 'mask.axes', dataType: DataType.INT64, dims: [1], raw: int64Bytes([-1]) },
    ],
    nodes: [
      { opType: 'Gather', name: 'gather', inputs: ['embeddings.int8', 'input_ids'], outputs: ['tokens.int8'], attributes: { axis: 0 } },
      {
        opType: 'DequantizeLinear',
        name: 'dequantize',
        inputs: ['tokens.int8', 'embeddings.scale', 'embeddings.zero_point'],
        outputs: ['tokens'],
      },
      { opType: 'Cast', name: 'mask_float', inputs: ['attention_mask'], outputs: ['mask'], attributes: { to: DataType.FLOAT } },
      { opType: 'Unsqueeze', name: 'mask_3d', inputs: ['mask', 'mask.axes'], outputs: ['mask.3d'] },
      { opType: 'Mul', name: 'masked', inputs: ['tokens', 'mask.3d'], outputs: ['last_hidden_state'] },
    ],
  });
}

async function markdownFiles(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const files: string[] = [];
  for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await markdownFiles(full)));
    else if (entry.name.endsWith('.md')) files.push(full);
  }
  return files;
}


async function main(argv: readonly string[]): Promise<number> {
  const corpora: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--corpus' && argv[i + 1] !== undefined) corpora.push(argv[++i]!);
    else if (!arg.startsWith('--') && out === undefined) out = arg;
    else {
      process.stderr.write(`model:tiny: unknown option ${arg}\nusage: npm run model:tiny -- [out dir] [--corpus <dir>]…\n`);
      return 2;
    }
  }
  const started = performance.now();
  const model = await makeTinyModel({ ...(out === undefined ? {} : { out }), ...(corpora.length ? { corpora } : {}) });
  process.stderr.write(
    `model:tiny: ${model.id} → ${model.dir.split(path.sep).join('/')} (TEST model: vocabulary ${model.vocabSize}, ` +
      `dim ${model.dim}, onnx ${model.onnxBytes} bytes) in ${Math.round(performance.now() - started)} ms\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
