/**
 * The one place where a transformers.js feature-extraction pipeline becomes an
 * {@link Embedder}, shared by the browser worker (`embedder.ts`) and the Node tools
 * (`build/model/node-embedder.ts`), so phrasings at build time and questions at query
 * time are encoded exactly alike: {@link embeddingInput} (NFC, `query: ` prefix), mean
 * pooling over the attention mask, L2 normalisation. A text the model knows nothing of
 * (only unknown tokens) comes back as a zero vector, which the engine reads as "no dense
 * evidence".
 *
 * It imports nothing from transformers.js at run time: the callers load the library.
 */
import type { Embedder } from '../core/types.js';
import { embeddingInput } from '../core/vectors.js';

/** The part of transformers.js' `FeatureExtractionPipeline` used here. */
export type FeatureExtractor = (
  text: string,
  options: { pooling: 'mean'; normalize: true },
) => Promise<{ data: ArrayLike<number>; dims: readonly number[] }>;

/** The pipeline options both sides pass: q8 weights (`onnx/model_quantized.onnx`). */
export const PIPELINE_DTYPE = 'q8';

/**
 * @param id - the model id, compared with the artifact's `modelId`
 * @example const embedder = embedderFromPipeline('Xenova/multilingual-e5-small', extractor);
 */
export function embedderFromPipeline(id: string, extractor: FeatureExtractor): Embedder {
  return {
    id,
    async embed(texts) {
      // One text per call: no padding, so a text's vector never depends on its batch.
      const vectors: Float32Array[] = [];
      for (const text of texts) {
        const output = await extractor(embeddingInput(text), { pooling: 'mean', normalize: true });
        const vector = Float32Array.from(output.data);
        // Normalising a zero vector (only unknown tokens) gives NaN: say "nothing known" as zeros.
        if (!vector.every(Number.isFinite)) vector.fill(0);
        vectors.push(vector);
      }
      return vectors;
    },
  };
}
