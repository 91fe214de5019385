import { define } from '../../define.js';
import { DvcAssistant } from './dvc-assistant.component.js';

export { DvcAssistant };

/** Registers `<dvc-assistant>`; harmless when the page already has one. */
export function defineDvcAssistant(): boolean {
  return define('dvc-assistant', DvcAssistant);
}
