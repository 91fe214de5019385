/**
 * The one script agencies load, as a classic `<script src=… defer>`.
 *
 * It checks support, reads its own `data-*`, works out where its other files live from
 * its own `src` (or `data-base`), defines `<dvc-assistant>` and puts exactly one on the
 * page. Everything else arrives later through `import()`. Nothing here may throw into
 * the host page: a failure costs the page its assistant, never its own scripts.
 */
import { DvcAssistant, scriptLayerFrom } from './elements/dvc-assistant/dvc-assistant.component.js';
import { defineDvcAssistant } from './elements/dvc-assistant/dvc-assistant.js';
import { baseFrom } from './internal/base-url.js';
import { warnOnce } from './internal/warn.js';

/** Custom elements, shadow DOM, constructable styles and ES modules; else no widget. */
function isSupported(): boolean {
  return (
    'customElements' in window &&
    'attachShadow' in Element.prototype &&
    'replaceSync' in CSSStyleSheet.prototype &&
    'noModule' in HTMLScriptElement.prototype
  );
}

function insertOnce(): void {
  if (document.querySelector('dvc-assistant')) return;
  document.body.append(document.createElement('dvc-assistant'));
}

function start(script: HTMLScriptElement | null): void {
  if (!isSupported()) return;
  if (customElements.get('dvc-assistant')) {
    defineDvcAssistant(); // only warns, naming both versions
    return;
  }
  DvcAssistant.base = baseFrom(script?.src, script?.dataset.base, document.baseURI);
  DvcAssistant.scriptLayer = scriptLayerFrom(script);
  defineDvcAssistant();
  if (document.body) insertOnce();
  else document.addEventListener('DOMContentLoaded', insertOnce, { once: true });
}

try {
  start(document.currentScript as HTMLScriptElement | null);
} catch (error) {
  warnOnce(`could not start (${String(error)}).`);
}
