/**
 * Worker entry, built as `dvc-assistant.worker.js`: connects `self` to the engine host.
 * Everything else lives in `engine-host.ts`, so the same code also runs on the main thread.
 */
import { createEngineHost } from './engine-host.js';
import type { EngineResponse } from './protocol.js';

/** The part of the dedicated worker global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: EngineResponse): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = createEngineHost({ post: (message) => scope.postMessage(message) });
scope.onmessage = (event) => {
  void host.handle(event.data);
};
