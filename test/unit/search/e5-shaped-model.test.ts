/**
 * The benchmark model generator (`build/model/make-e5-shaped-model.ts`), at a tiny shape:
 * the graph it writes runs in onnxruntime through transformers.js like the real export,
 * questions have exactly the token counts the benchmark asks for, and it is not generated twice.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E5_SHAPED_MODEL_ID, E5_SMALL_SHAPE, makeE5ShapedModel, textOfTokens } from '../../../build/model/make-e5-shaped-model.js';
import { loadNodeEmbedder } from '../../../build/model/node-embedder.js';

const SHAPE = { layers: 2, hidden: 16, heads: 4, intermediate: 32, vocab: 2000, positions: 128 };
let base: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'dvc-e5-shaped-'));
});

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('e5-shaped benchmark model', () => {
  it('runs in onnxruntime and embeds a question into a finite vector of the hidden size', async () => {
    const model = await makeE5ShapedModel({ out: base, shape: SHAPE });
    expect(model.generated).toBe(true);
    const embedder = await loadNodeEmbedder({ model: E5_SHAPED_MODEL_ID, modelBase: base });
    expect(embedder).not.toBeNull();
    const [vector, other] = await embedder!.embed([textOfTokens(16), textOfTokens(64)]);
    expect(vector).toHaveLength(SHAPE.hidden);
    expect([...vector!].every(Number.isFinite)).toBe(true);
    expect(other).not.toEqual(vector);
    const index = JSON.parse(await readFile(path.join(base, 'index.json'), 'utf8')) as { models: { id: string }[] };
    expect(index.models.map((item) => item.id)).toContain(E5_SHAPED_MODEL_ID);
  }, 60_000);

  it('tokenizes a benchmark question to exactly the asked number of tokens, prefix and specials included', async () => {
    const { AutoTokenizer, env } = await import('@huggingface/transformers');
    await makeE5ShapedModel({ out: base, shape: SHAPE });
    env.allowRemoteModels = false;
    env.localModelPath = `${base}${path.sep}`;
    const tokenizer = await AutoTokenizer.from_pretrained(E5_SHAPED_MODEL_ID);
    for (const tokens of [16, 32, 64]) {
      const { input_ids: ids } = tokenizer(`query: ${textOfTokens(tokens)}`) as { input_ids: { dims: number[] } };
      expect(ids.dims).toEqual([1, tokens]);
    }
    expect(() => textOfTokens(4)).toThrow(RangeError);
  });

  it('is generated once per shape, and has the real shape by default', async () => {
    const again = await makeE5ShapedModel({ out: base, shape: SHAPE });
    expect(again.generated).toBe(false);
    expect(again.onnxBytes).toBe((await stat(path.join(again.dir, 'onnx', 'model_quantized.onnx'))).size);
    expect(E5_SMALL_SHAPE).toEqual({ layers: 12, hidden: 384, heads: 12, intermediate: 1536, vocab: 250_002, positions: 512 });
  });
});
