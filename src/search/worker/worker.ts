/**
 * Worker entry, built as `dvc-assistant.worker.js`: connects `self` to the engine host.
 * Everything else lives in `engine-host.ts`, so the same code also runs on the main thread.
 */
import { loadBrowserEmbedder } from './embedder.js';
import { createEngineHost } from './engine-host.js';
import type { EngineResponse } from './protocol.js';

/** The part of the dedicated worker global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: EngineResponse): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

const scope = self as unknown as WorkerScope;
// The model loader is small; transformers.js itself is a lazy chunk it imports on `load-model`.
const host = createEngineHost({ post: (message) => scope.postMessage(message), loadEmbedder: loadBrowserEmbedder });
scope.onmessage = (event) => {
  void host.handle(event.data);
};
