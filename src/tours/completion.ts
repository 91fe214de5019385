/**
 * Watches for a step's completion rule on the host page. Listeners sit on the document in
 * the capture phase and never stop or change the host's events; field values are looked at
 * here and never stored or sent anywhere.
 */
import type { Completion } from './format.js';
import { locate, isVisible } from './locate.js';
import { watchCondition } from './wait.js';

/**
 * Calls `done` once the rule holds. Returns the teardown. `url` rules are completed by the
 * next page load (see progress.ts), so they watch nothing here.
 */
export function watchCompletion(rule: Completion, target: Element | null, done: () => void): () => void {
  const controller = new AbortController();
  const options = { capture: true, signal: controller.signal };
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    controller.abort();
    done();
  };
  const later = (fn: () => void) => setTimeout(() => !controller.signal.aborted && fn(), 0);
  const onTarget = (event: Event) => !!target && event.composedPath().includes(target);
  switch (rule.on) {
    case 'click':
      document.addEventListener('click', (event) => onTarget(event) && finish(), options);
      break;
    case 'input':
      // `change` fires when the citizen leaves the field or picks an option: typing "N" in
      // a name field must not count as done. The check waits a task so the page's own
      // validation (which may clear `aria-invalid`) has run first.
      document.addEventListener('change', (event) => onTarget(event) && later(() => fieldIsValid(target, rule.pattern) && finish()), options);
      break;
    case 'checked':
      document.addEventListener('change', (event) => onTarget(event) && later(() => isChecked(target) && finish()), options);
      break;
    case 'element': {
      const stop = watchCondition(() => locate(rule.target) !== null, (now) => now && finish());
      controller.signal.addEventListener('abort', stop);
      break;
    }
    case 'next':
    case 'url':
      break;
  }
  return () => controller.abort();
}

/** Valid by the browser's rules, not marked invalid by the page, non-empty, matching the pattern. */
export function fieldIsValid(target: Element | null, pattern?: string): boolean {
  const field = target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!field || !('value' in field) || !isVisible(field)) return false;
  if (field.getAttribute('aria-invalid') === 'true') return false;
  if (field instanceof HTMLInputElement && field.type === 'file') return (field.files?.length ?? 0) > 0 && field.validity.valid;
  const value = field.value.trim();
  if (!value || !field.validity.valid) return false;
  return pattern === undefined || new RegExp(pattern).test(value);
}

/** A checked checkbox or radio, or a group (fieldset) with a checked one inside. */
export function isChecked(target: Element | null): boolean {
  if (!target) return false;
  if (target instanceof HTMLInputElement) return target.checked;
  return !!target.querySelector('input:checked');
}
