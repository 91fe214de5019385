import type { Locator } from './format.js';

/**
 * A locator in words, for reports and console notes (pure).
 *
 * @example describeLocator({ role: 'button', name: 'Tiếp tục' }) // 'role=button "Tiếp tục"'
 */
export function describeLocator(locator: Locator): string {
  if ('dvc' in locator) return `data-dvc="${locator.dvc}"`;
  if ('id' in locator) return `#${locator.id}`;
  if ('role' in locator) return `role=${locator.role} "${locator.name}"`;
  if ('label' in locator) return `label "${locator.label}"`;
  if ('text' in locator) return `text "${locator.text}"`;
  return `css ${locator.css}`;
}
