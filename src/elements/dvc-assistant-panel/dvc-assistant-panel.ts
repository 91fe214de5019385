import { define } from '../../define.js';
import { DvcAssistantPanel } from './dvc-assistant-panel.component.js';

export { DvcAssistantPanel };

/** Registers `<dvc-assistant-panel>` (used inside `<dvc-assistant>` only). */
export function defineDvcAssistantPanel(): void {
  if (!customElements.get('dvc-assistant-panel')) define('dvc-assistant-panel', DvcAssistantPanel);
}
