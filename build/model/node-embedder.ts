import type { Embedder } from '../../src/search/core/types.js';

export interface NodeEmbedderOptions {
  /** Model id, e.g. `Xenova/multilingual-e5-small`. */
  model: string;
  /** Folder (or URL) that holds `<model id>/…` files. */
  modelBase: string;
}

/**
 * Loads an embedding model in Node for the compiler and the CLI, or `null` when its files
 * are not there (the caller then runs lexical and says so).
 */
export async function loadNodeEmbedder(_options: NodeEmbedderOptions): Promise<Embedder | null> {
  return null;
}
