/** What opened or closed the panel. */
export type ToggleSource = 'launcher' | 'api' | 'attribute' | 'escape' | 'close-button' | 'restore';

/** The panel opened. Fired for every opening, with what caused it. */
export class DvcOpenEvent extends CustomEvent<{ source: ToggleSource }> {
  constructor(source: ToggleSource) {
    super('dvc-open', { bubbles: true, composed: true, detail: { source } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-open': DvcOpenEvent;
  }
}
