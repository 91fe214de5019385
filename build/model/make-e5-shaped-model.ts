/**
 * `tsx build/model/make-e5-shaped-model.ts [out dir]`: a BENCHMARK model with the shape of
 * multilingual-e5-small (XLM-R small: 12 layers, hidden 384, 12 heads, FFN 1536, 512
 * positions, 250,002-row embedding table) and random weights, quantised the way the q8
 * export is (dynamic int8: DynamicQuantizeLinear + MatMulInteger on every weight matrix,
 * int8 embedding table). It computes nonsense, at the real model's cost per token: used to
 * time query embedding in the browser (`test/perf/embedding.ts`), never to judge quality.
 *
 * Files, as transformers.js reads them (`<out>/dvc-bench/e5-small-shaped/`): config.json,
 * tokenizer_config.json, tokenizer.json, onnx/model_quantized.onnx (~118 MB), plus
 * `<out>/index.json`. Deterministic (seeded): generated again only when missing.
 *
 * The tokenizer is a WordPiece over `query`, `:` and the words `w0000`…`w0999`: a text of
 * n such words is exactly n + 4 tokens with the "query: " prefix and [CLS]/[SEP], so the
 * benchmark controls the sequence length. Its ids index the first rows of the full-size
 * table; the table's size costs memory and download, not time per token.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from '../prng.js';
import { writeJson, writeModelIndex } from './model-index.js';
import { SPECIAL_TOKENS, writeWordPieceTokenizer } from './wordpiece-tokenizer.js';
import { DataType, encodeModel, float32Bytes, int64Bytes, type NodeSpec, type TensorSpec } from './onnx-writer.js';

export const E5_SHAPED_MODEL_ID = 'dvc-bench/e5-small-shaped';

/** An encoder's geometry. */
export interface EncoderShape {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  vocab: number;
  positions: number;
}

/** multilingual-e5-small's geometry (its config.json). */
export const E5_SMALL_SHAPE: Readonly<EncoderShape> = Object.freeze({
  layers: 12,
  hidden: 384,
  heads: 12,
  intermediate: 1536,
  vocab: 250_002,
  positions: 512,
});

/** Words of the benchmark tokenizer: `w0000`…`w0999`. */
export const E5_SHAPED_WORDS = 1000;

/** A text the benchmark tokenizer turns into exactly `tokens` tokens (with the prefix and specials). */
export function textOfTokens(tokens: number): string {
  if (tokens < 5) throw new RangeError('at least 5 tokens: [CLS] query : <word> [SEP]');
  return Array.from({ length: tokens - 4 }, (_, i) => `w${String(i % E5_SHAPED_WORDS).padStart(4, '0')}`).join(' ');
}

export interface E5ShapedModel {
  id: string;
  dir: string;
  onnxBytes: number;
  /** False when the files were already there. */
  generated: boolean;
}

/**
 * Writes the model under `<out>/dvc-bench/e5-small-shaped/` unless it is already there.
 *
 * @example const { dir } = await makeE5ShapedModel({ out: 'test-results/bench-models' });
 */
export async function makeE5ShapedModel(options: { out: string; shape?: Readonly<EncoderShape> }): Promise<E5ShapedModel> {
  const shape = options.shape ?? E5_SMALL_SHAPE;
  const dir = path.join(options.out, ...E5_SHAPED_MODEL_ID.split('/'));
  const onnxFile = path.join(dir, 'onnx', 'model_quantized.onnx');
  const stamp = path.join(dir, 'shape.json');
  const shapeText = `${JSON.stringify(shape)}\n`;
  if (existsSync(onnxFile) && existsSync(stamp) && (await readFile(stamp, 'utf8')) === shapeText) {
    const { size } = await stat(onnxFile);
    await writeModelIndex(options.out);
    return { id: E5_SHAPED_MODEL_ID, dir, onnxBytes: size, generated: false };
  }
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  const onnx = encodeModel(encoderGraph(shape));
  await writeFile(onnxFile, onnx);
  await writeJson(path.join(dir, 'config.json'), {
    _comment: 'dvc-assistant BENCHMARK model: multilingual-e5-small geometry, random weights; computes nothing meaningful',
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: shape.hidden,
    num_hidden_layers: shape.layers,
    num_attention_heads: shape.heads,
    intermediate_size: shape.intermediate,
    vocab_size: shape.vocab,
    max_position_embeddings: shape.positions,
    'transformers.js_config': { dtype: 'q8' },
  });
  await writeWordPieceTokenizer(dir, { vocabulary: e5ShapedVocabulary(), maxLength: shape.positions });
  await writeFile(stamp, shapeText);
  await writeModelIndex(options.out);
  return { id: E5_SHAPED_MODEL_ID, dir, onnxBytes: onnx.length, generated: true };
}

/** The special tokens, the prefix's words and numbered filler words (`textOfTokens` builds questions from them). */
function e5ShapedVocabulary(): string[] {
  return [...SPECIAL_TOKENS, 'query', ':', ...Array.from({ length: E5_SHAPED_WORDS }, (_, i) => `w${String(i).padStart(4, '0')}`)];
}

/**
 * The encoder graph (BERT/XLM-R, post-layer-norm), with the q8 export's dynamic
 * quantisation of every weight matrix:
 * x → DynamicQuantizeLinear → MatMulInteger(int8 weight) → Cast → × (x scale · weight scale) → + bias.
 * Weights are uniform int8 with a scale that gives them BERT's initial spread (σ ≈ 0.02).
 */
function encoderGraph(shape: Readonly<EncoderShape>): Parameters<typeof encodeModel>[0] {
  const { layers, hidden, heads, intermediate, vocab, positions } = shape;
  const headSize = hidden / heads;
  const random = prng(0xe5e5);
  const nodes: NodeSpec[] = [];
  const initializers: TensorSpec[] = [];
  const weightScale = (0.02 * Math.sqrt(3)) / 127;
  const tensor = (name: string, dataType: TensorSpec['dataType'], dims: number[], raw: Uint8Array): string => {
    initializers.push({ name, dataType, dims, raw });
    return name;
  };
  const floats = (name: string, dims: number[], value: (i: number) => number): string => {
    const count = dims.reduce((a, b) => a * b, 1);
    return tensor(name, DataType.FLOAT, dims, float32Bytes(Float32Array.from({ length: count }, (_, i) => value(i))));
  };
  const int8s = (name: string, dims: number[]): string => {
    const count = dims.reduce((a, b) => a * b, 1);
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i++) bytes[i] = (Math.floor(random() * 255) - 127) & 0xff;
    return tensor(name, DataType.INT8, dims, bytes);
  };
  const node = (opType: string, inputs: string[], outputs: string[], attributes?: NodeSpec['attributes']): string => {
    nodes.push({ opType, inputs, outputs, name: `${outputs[0]}.${opType}`, ...(attributes ? { attributes } : {}) });
    return outputs[0]!;
  };
  const scalarFloat = (name: string, value: number) => floats(name, [], () => value);
  const ints = (name: string, values: number[]) => tensor(name, DataType.INT64, [values.length], int64Bytes(values));
  const weightZero = tensor('weight.zero_point', DataType.INT8, [], new Uint8Array([0]));
  const scale = scalarFloat('weight.scale', weightScale);

  /** Dynamic-int8 x·W + b, as onnxruntime's quantize_dynamic writes it. */
  const dense = (name: string, input: string, inSize: number, outSize: number): string => {
    const weight = int8s(`${name}.weight`, [inSize, outSize]);
    const bias = floats(`${name}.bias`, [outSize], () => (random() - 0.5) * 0.02);
    node('DynamicQuantizeLinear', [input], [`${name}.x_q`, `${name}.x_scale`, `${name}.x_zero`]);
    node('MatMulInteger', [`${name}.x_q`, weight, `${name}.x_zero`, weightZero], [`${name}.int32`]);
    node('Cast', [`${name}.int32`], [`${name}.float`], { to: DataType.FLOAT });
    node('Mul', [`${name}.x_scale`, scale], [`${name}.scale`]);
    node('Mul', [`${name}.float`, `${name}.scale`], [`${name}.scaled`]);
    return node('Add', [`${name}.scaled`, bias], [`${name}.out`]);
  };
  const layerNorm = (name: string, input: string): string => {
    const gamma = floats(`${name}.gamma`, [hidden], () => 1);
    const beta = floats(`${name}.beta`, [hidden], () => 0);
    return node('LayerNormalization', [input, gamma, beta], [`${name}.out`], { axis: -1, epsilon: 1e-5 });
  };

  // Embeddings: int8 word table (full vocabulary), positions, layer norm.
  const table = int8s('embeddings.word', [vocab, hidden]);
  const tableScale = scalarFloat('embeddings.scale', weightScale);
  node('Gather', [table, 'input_ids'], ['embeddings.word_q'], { axis: 0 });
  node('DequantizeLinear', ['embeddings.word_q', tableScale, weightZero], ['embeddings.words']);
  node('Shape', ['input_ids'], ['input.shape']);
  node('Gather', ['input.shape', tensor('const.index1', DataType.INT64, [], int64Bytes([1]))], ['input.length'], { axis: 0 });
  node('Range', [tensor('const.zero', DataType.INT64, [], int64Bytes([0])), 'input.length', tensor('const.step', DataType.INT64, [], int64Bytes([1]))], ['positions']);
  const positionTable = floats('embeddings.position', [positions, hidden], () => (random() - 0.5) * 0.04);
  node('Gather', [positionTable, 'positions'], ['embeddings.positions'], { axis: 0 });
  node('Add', ['embeddings.words', 'embeddings.positions'], ['embeddings.sum']);
  let x = layerNorm('embeddings.norm', 'embeddings.sum');

  // Attention mask as an additive bias [batch, 1, 1, seq]: 0 where attended, -10000 elsewhere.
  node('Cast', ['attention_mask'], ['mask.float'], { to: DataType.FLOAT });
  node('Sub', [scalarFloat('const.one', 1), 'mask.float'], ['mask.inverse']);
  node('Mul', ['mask.inverse', scalarFloat('const.minus', -10000)], ['mask.bias2d']);
  node('Unsqueeze', ['mask.bias2d', ints('const.axes12', [1, 2])], ['mask.bias']);

  const split = ints('shape.heads', [0, 0, heads, headSize]);
  const merge = ints('shape.hidden', [0, 0, hidden]);
  const inverseRoot = scalarFloat('attention.scale', 1 / Math.sqrt(headSize));
  const half = scalarFloat('const.half', 0.5);
  const root2 = scalarFloat('const.sqrt2', Math.SQRT2);
  for (let layer = 0; layer < layers; layer++) {
    const at = `layer${layer}`;
    const q = dense(`${at}.query`, x, hidden, hidden);
    const k = dense(`${at}.key`, x, hidden, hidden);
    const v = dense(`${at}.value`, x, hidden, hidden);
    node('Reshape', [q, split], [`${at}.q4`]);
    node('Transpose', [`${at}.q4`], [`${at}.qh`], { perm: [0, 2, 1, 3] });
    node('Reshape', [k, split], [`${at}.k4`]);
    node('Transpose', [`${at}.k4`], [`${at}.kh`], { perm: [0, 2, 3, 1] });
    node('Reshape', [v, split], [`${at}.v4`]);
    node('Transpose', [`${at}.v4`], [`${at}.vh`], { perm: [0, 2, 1, 3] });
    node('MatMul', [`${at}.qh`, `${at}.kh`], [`${at}.scores`]);
    node('Mul', [`${at}.scores`, inverseRoot], [`${at}.scaled`]);
    node('Add', [`${at}.scaled`, 'mask.bias'], [`${at}.masked`]);
    node('Softmax', [`${at}.masked`], [`${at}.probs`], { axis: -1 });
    node('MatMul', [`${at}.probs`, `${at}.vh`], [`${at}.context4`]);
    node('Transpose', [`${at}.context4`], [`${at}.context_t`], { perm: [0, 2, 1, 3] });
    node('Reshape', [`${at}.context_t`, merge], [`${at}.context`]);
    const attended = dense(`${at}.output`, `${at}.context`, hidden, hidden);
    node('Add', [attended, x], [`${at}.residual1`]);
    x = layerNorm(`${at}.norm1`, `${at}.residual1`);
    const up = dense(`${at}.intermediate`, x, hidden, intermediate);
    // GELU (erf form): 0.5 · h · (1 + erf(h / √2)).
    node('Div', [up, root2], [`${at}.gelu.scaled`]);
    node('Erf', [`${at}.gelu.scaled`], [`${at}.gelu.erf`]);
    node('Add', [`${at}.gelu.erf`, 'const.one'], [`${at}.gelu.plus`]);
    node('Mul', [up, `${at}.gelu.plus`], [`${at}.gelu.product`]);
    node('Mul', [`${at}.gelu.product`, half], [`${at}.gelu`]);
    const down = dense(`${at}.ffn_output`, `${at}.gelu`, intermediate, hidden);
    node('Add', [down, x], [`${at}.residual2`]);
    x = layerNorm(`${at}.norm2`, `${at}.residual2`);
  }
  node('Identity', [x], ['last_hidden_state']);

  const tokens = ['batch_size', 'sequence_length'];
  return {
    graphName: 'e5_small_shaped',
    producer: 'dvc-assistant make-e5-shaped-model',
    docString: 'dvc-assistant BENCHMARK model: multilingual-e5-small geometry, random weights, dynamic int8.',
    opset: 17,
    inputs: [
      { name: 'input_ids', elemType: DataType.INT64, shape: tokens },
      { name: 'attention_mask', elemType: DataType.INT64, shape: tokens },
    ],
    outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: [...tokens, hidden] }],
    initializers,
    nodes,
  };
}


if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = process.argv[2] ?? path.join('test-results', 'bench-models');
  const started = performance.now();
  const model = await makeE5ShapedModel({ out });
  process.stderr.write(
    `model:e5-shaped: ${model.id} → ${model.dir.split(path.sep).join('/')} (BENCHMARK model, random weights: ` +
      `${(model.onnxBytes / 1024 / 1024).toFixed(1)} MB onnx, ${model.generated ? 'generated' : 'already there'}) ` +
      `in ${Math.round(performance.now() - started)} ms\n`,
  );
}
