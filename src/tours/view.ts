/**
 * What a tour draws: a dimming SVG overlay with a cut-out over the target, and the step
 * card next to it (Floating UI), both in the browser's top layer inside the assistant's
 * own shadow root. Nothing on the host page is moved, restyled or re-attributed; `destroy()`
 * removes every node, listener and stylesheet this added.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { Lang } from '../config/schema.js';
import { promoteToTopLayer } from '../internal/top-layer.js';
import type { Placement } from './format.js';
import { OVERLAY_DEFAULTS, overlayPath, pad, roundedRectPath, scrollDelta, topObstruction, visiblePart, type Rect } from './geometry.js';
import { TOUR_STYLES } from './view.styles.js';

const SVG = 'http://www.w3.org/2000/svg';
const PHONE_QUERY = '(max-width: 480px)';

export interface CardAction {
  label: string;
  /** `part` of the button (`tour-next`, `tour-back`…), a styling and testing hook. */
  part: string;
  kind: 'primary' | 'secondary';
  run(): void;
}

export interface CardContent {
  lang: Lang;
  progress: string;
  title: string;
  body: string;
  note?: string;
  actions: CardAction[];
}

export class TourView {
  private readonly sheet = new CSSStyleSheet();
  private readonly overlay = document.createElement('div');
  private readonly dim = document.createElementNS(SVG, 'path');
  private readonly ring = document.createElementNS(SVG, 'path');
  private readonly card = document.createElement('section');
  private readonly live = document.createElement('div');
  private readonly teardowns: (() => void)[] = [];
  private stopTracking: () => void = () => {};
  private target: Element | null = null;

  constructor(
    private readonly root: ShadowRoot,
    onClose: () => void,
    closeLabel: string,
  ) {
    this.sheet.replaceSync(TOUR_STYLES);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];

    this.overlay.className = 'tour-overlay';
    this.overlay.setAttribute('aria-hidden', 'true');
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('focusable', 'false');
    this.dim.setAttribute('class', 'dim');
    this.ring.setAttribute('class', 'ring');
    svg.append(this.dim, this.ring);
    this.overlay.append(svg);

    this.card.className = 'tour-card';
    this.card.setAttribute('part', 'tour-card');
    this.card.setAttribute('role', 'dialog');
    this.card.setAttribute('aria-modal', 'false');
    this.card.setAttribute('aria-labelledby', 'dvc-tour-title');
    this.card.setAttribute('aria-describedby', 'dvc-tour-body');
    this.card.tabIndex = -1;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'tour-close';
    close.setAttribute('part', 'tour-close');
    close.setAttribute('aria-label', closeLabel);
    close.title = closeLabel;
    close.textContent = '×';
    close.addEventListener('click', onClose);
    this.card.append(close);
    this.closeButton = close;

    this.live.className = 'tour-live';
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');

    root.append(this.overlay, this.card, this.live);
    // The overlay first, then the card: in the top layer, the last shown is on top.
    this.teardowns.push(promoteToTopLayer(this.overlay), promoteToTopLayer(this.card));
    const redraw = () => this.update();
    addEventListener('resize', redraw);
    this.teardowns.push(() => removeEventListener('resize', redraw));
  }

  private readonly closeButton: HTMLButtonElement;

  /** The card's element, for focus checks and keyboard handling. */
  get element(): HTMLElement {
    return this.card;
  }

  /** Shows a step: the card's content, the cut-out over `target` (none for a text-only step). */
  show(content: CardContent, target: Element | null, placement: Placement = 'auto'): void {
    this.stopTracking();
    this.target = target;
    this.card.lang = content.lang;
    const progress = element('p', 'tour-progress', content.progress);
    const title = element('h2', '', content.title);
    title.id = 'dvc-tour-title';
    title.tabIndex = -1;
    const body = element('p', '', content.body);
    body.id = 'dvc-tour-body';
    const nodes: Node[] = [this.closeButton, progress, title, body];
    if (content.note) nodes.push(element('p', 'tour-note', content.note));
    const actions = element('div', 'tour-actions', '');
    for (const action of content.actions) {
      const button = element('button', '', action.label) as HTMLButtonElement;
      button.type = 'button';
      button.dataset.kind = action.kind;
      button.setAttribute('part', action.part);
      button.addEventListener('click', () => action.run());
      actions.append(button);
    }
    if (content.actions.length) nodes.push(actions);
    this.card.replaceChildren(...nodes);
    this.card.dataset.layout = matchMedia(PHONE_QUERY).matches ? 'sheet' : target ? 'anchored' : 'center';
    if (target) {
      this.stopTracking = autoUpdate(target, this.card, () => this.update(placement), { layoutShift: true, animationFrame: false });
    }
    this.update(placement);
  }

  /** Says something to screen readers without moving focus. */
  announce(text: string): void {
    this.live.textContent = '';
    // A fresh text node after a tick: the same words twice are announced twice.
    setTimeout(() => (this.live.textContent = text), 50);
  }

  /** Focuses the card's heading (the card itself when it has none). */
  focus(): void {
    const heading = this.card.querySelector<HTMLElement>('h2');
    (heading ?? this.card).focus({ preventScroll: true });
  }

  /** Scrolls the target into the free part of the viewport, below fixed headers, above a bottom sheet. */
  reveal(target: Element): void {
    // Scrolls every scroll container on the way (nested ones included), instantly: a
    // smooth scroll would be motion the citizen did not ask for.
    target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    const viewport = { width: innerWidth, height: innerHeight };
    const sheet = this.card.dataset.layout === 'sheet' ? this.card.getBoundingClientRect().height : 0;
    const delta = scrollDelta(toRect(target.getBoundingClientRect()), viewport, topObstruction(pinnedBars(), viewport), sheet);
    if (delta) window.scrollBy({ top: delta, behavior: 'instant' as ScrollBehavior });
  }

  contains(node: EventTarget | null): boolean {
    return node instanceof Node && this.card.contains(node);
  }

  /** Removes everything the tour drew. */
  destroy(): void {
    this.stopTracking();
    for (const teardown of this.teardowns.splice(0)) teardown();
    this.overlay.remove();
    this.card.remove();
    this.live.remove();
    this.root.adoptedStyleSheets = this.root.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
  }

  private update(placement: Placement = 'auto'): void {
    const viewport = { width: document.documentElement.clientWidth || innerWidth, height: innerHeight };
    this.overlay.querySelector('svg')?.setAttribute('viewBox', `0 0 ${viewport.width} ${viewport.height}`);
    const target = this.target;
    const visible = target?.isConnected ? visiblePart(toRect(target.getBoundingClientRect()), scrollClips(target), viewport) : null;
    const hole = visible ? pad(visible, OVERLAY_DEFAULTS.padding) : null;
    this.dim.setAttribute('d', overlayPath(viewport, hole ? [hole] : []));
    this.ring.setAttribute('d', hole ? roundedRectPath(hole) : '');
    if (!target || this.card.dataset.layout !== 'anchored') return;
    void computePosition(target, this.card, {
      strategy: 'fixed',
      ...(placement === 'auto' ? {} : { placement }),
      middleware: [
        offset(OVERLAY_DEFAULTS.padding + 8),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({ padding: 8, apply: ({ availableHeight }) => this.card.style.setProperty('max-height', `${Math.max(160, availableHeight)}px`) }),
      ],
    }).then(({ x, y }) => {
      // A target taller than the viewport leaves no room on either side: the card then
      // overlaps it rather than leaving the screen.
      const box = this.card.getBoundingClientRect();
      const top = Math.min(Math.max(8, y), Math.max(8, innerHeight - box.height - 8));
      this.card.style.setProperty('left', `${Math.round(x)}px`);
      this.card.style.setProperty('top', `${Math.round(top)}px`);
    });
  }
}

function element(tag: string, className: string, text: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function toRect(r: DOMRect): Rect {
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

/** The client rectangles of every clipping (scrolling or overflow-hidden) container around a target, through shadow roots. */
function scrollClips(target: Element): Rect[] {
  const clips: Rect[] = [];
  for (let node = parentOf(target); node && node !== document.documentElement && node !== document.body; node = parentOf(node)) {
    const style = getComputedStyle(node);
    if (style.position === 'fixed') break;
    if (/(auto|scroll|hidden|clip)/.test(style.overflowX + style.overflowY)) {
      const r = node.getBoundingClientRect();
      // The inside of the borders is what shows the content.
      clips.push({ x: r.left + node.clientLeft, y: r.top + node.clientTop, width: node.clientWidth, height: node.clientHeight });
    }
  }
  return clips;
}

function parentOf(node: Element): Element | null {
  return node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
}

/** Fixed or sticky bars of the page that are pinned to the top right now. */
function pinnedBars(): Rect[] {
  const bars: Rect[] = [];
  for (const el of document.querySelectorAll('header, nav, [role="banner"], body > div, body > *')) {
    const position = getComputedStyle(el).position;
    if (position === 'fixed' || position === 'sticky') bars.push(toRect(el.getBoundingClientRect()));
  }
  return bars;
}
