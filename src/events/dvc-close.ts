import type { ToggleSource } from './dvc-open.js';

/** The panel closed. Fired for every closing, with what caused it. */
export class DvcCloseEvent extends CustomEvent<{ source: ToggleSource }> {
  constructor(source: ToggleSource) {
    super('dvc-close', { bubbles: true, composed: true, detail: { source } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-close': DvcCloseEvent;
  }
}
