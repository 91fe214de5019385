/**
 * Finds a step's target on the host page from its ordered fallback locators, looking into
 * open shadow roots too. The first locator that finds a visible element wins; which one it
 * was is reported, so a redesign that broke the preferred hook shows up in `tours:check`.
 */
import type { Locator } from './format.js';

export interface Located {
  element: Element;
  /** Index of the locator that matched. */
  index: number;
  /** More than one visible element matched that locator (the first in page order was taken). */
  ambiguous: boolean;
}

/**
 * Resolves locators in order against a document (and every open shadow root in it).
 *
 * @example locate([{ dvc: 'submit-dossier' }, { role: 'button', name: 'Tiếp tục' }])
 */
export function locate(locators: readonly Locator[], root: Document | ShadowRoot = document): Located | null {
  const roots = searchRoots(root);
  for (const [index, locator] of locators.entries()) {
    const found = candidates(locator, roots).filter(isVisible);
    if (found.length) return { element: found[0]!, index, ambiguous: found.length > 1 };
  }
  return null;
}

/** Whether an element takes space and is not hidden (checkVisibility where available). */
export function isVisible(element: Element): boolean {
  if (!element.isConnected || element.getClientRects().length === 0) return false;
  const check = (element as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(element, { visibilityProperty: true }) : true;
}

/** The document and every open shadow root below it, in tree order. */
export function searchRoots(root: Document | ShadowRoot): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [root];
  for (let i = 0; i < roots.length; i++) {
    const walker = document.createTreeWalker(roots[i]!, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      // Our own widget is never a tour target.
      if (shadow && (node as Element).localName !== 'dvc-assistant') roots.push(shadow);
    }
  }
  return roots;
}

function candidates(locator: Locator, roots: readonly (Document | ShadowRoot)[]): Element[] {
  const all = (selector: string) => roots.flatMap((r) => [...r.querySelectorAll(selector)]);
  if ('dvc' in locator) return all(`[data-dvc="${CSS.escape(locator.dvc)}"]`);
  if ('id' in locator) return all(`#${CSS.escape(locator.id)}`);
  if ('css' in locator) {
    try {
      return all(locator.css);
    } catch {
      return []; // an invalid selector finds nothing; the next locator gets its turn
    }
  }
  if ('label' in locator) {
    const wanted = fold(locator.label);
    return all('label')
      .filter((label) => fold(label.textContent ?? '').startsWith(wanted))
      .map((label) => (label as HTMLLabelElement).control)
      .filter((control): control is HTMLElement => !!control);
  }
  if ('role' in locator) {
    const selector = ROLE_SELECTORS[locator.role] ?? '';
    const wanted = fold(locator.name);
    const explicit = `[role="${CSS.escape(locator.role)}"]`;
    return all(selector ? `${selector}, ${explicit}` : explicit).filter((el) => fold(accessibleName(el)) === wanted);
  }
  const wanted = fold(locator.text);
  const matching = all(TEXT_ELEMENTS).filter((el) => fold(el.textContent ?? '') === wanted);
  // The innermost match: "Nộp hồ sơ" in <a><span>Nộp hồ sơ</span></a> is the link's span's
  // parent only if the link has no other text; prefer the element nobody inside repeats.
  return matching.filter((el) => !matching.some((other) => other !== el && el.contains(other)));
}

/** Implicit roles the format supports, as selectors (enough for government forms). */
const ROLE_SELECTORS: Readonly<Record<string, string>> = Object.freeze({
  button: 'button, input[type="button"], input[type="submit"], input[type="reset"], summary',
  link: 'a[href], area[href]',
  textbox: 'input:not([type]), input[type="text"], input[type="email"], input[type="tel"], input[type="url"], textarea',
  searchbox: 'input[type="search"]',
  checkbox: 'input[type="checkbox"]',
  radio: 'input[type="radio"]',
  combobox: 'select:not([multiple])',
  listbox: 'select[multiple]',
  heading: 'h1, h2, h3, h4, h5, h6',
  group: 'fieldset',
  form: 'form',
  navigation: 'nav',
  region: 'section[aria-label], section[aria-labelledby]',
});

const TEXT_ELEMENTS = 'a, button, summary, label, legend, h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, span, strong, [role]';

/** A simplified accessible name: aria-labelledby, aria-label, labels, legend, alt, then text. */
export function accessibleName(element: Element): string {
  const ids = element.getAttribute('aria-labelledby');
  const root = element.getRootNode() as Document | ShadowRoot;
  if (ids) {
    const text = ids
      .split(/\s+/)
      .map((id) => root.getElementById?.(id)?.textContent ?? '')
      .join(' ');
    if (text.trim()) return text;
  }
  const label = element.getAttribute('aria-label');
  if (label?.trim()) return label;
  const labels = (element as HTMLInputElement).labels;
  if (labels?.length) return [...labels].map(spokenText).join(' ');
  if (element.localName === 'fieldset') {
    const legend = element.querySelector('legend');
    return legend ? spokenText(legend) : '';
  }
  if (element instanceof HTMLInputElement && /^(submit|button|reset)$/.test(element.type)) return element.value;
  if (element.localName === 'img') return element.getAttribute('alt') ?? '';
  return spokenText(element);
}

/** Text content without what is hidden from assistive technology (a required-field "*"). */
function spokenText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true') text += spokenText(node);
  }
  return text;
}

/** Compares texts the way a reader would: case, spacing and Unicode form ignored. */
function fold(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
}
