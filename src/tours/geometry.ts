/**
 * Tour geometry: the overlay's cut-out path, clipping a target to what its scroll
 * containers show, and how far to scroll so a fixed header does not cover it. Pure: plain
 * numbers in, plain numbers out (runs in Node tests).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/**
 * The intersection of two rectangles, or `null` when they do not overlap.
 *
 * @example intersect({x: 0, y: 0, width: 10, height: 10}, {x: 5, y: 5, width: 10, height: 10}) // {x: 5, y: 5, width: 5, height: 5}
 */
export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * What is visible of a target: its rectangle clipped by each scroll container around it
 * and by the viewport. `null` when it is scrolled out of sight.
 */
export function visiblePart(target: Rect, clips: readonly Rect[], viewport: Size): Rect | null {
  let visible: Rect | null = target;
  for (const clip of [...clips, { x: 0, y: 0, ...viewport }]) {
    if (!visible) return null;
    visible = intersect(visible, clip);
  }
  return visible;
}

/** A rectangle grown by `padding` on each side. */
export function pad(rect: Rect, padding: number): Rect {
  return { x: rect.x - padding, y: rect.y - padding, width: rect.width + 2 * padding, height: rect.height + 2 * padding };
}

/**
 * The overlay's SVG path: the whole viewport, then a rounded hole per rectangle, drawn with
 * `fill-rule="evenodd"` so the holes stay clear. The radius is clamped to half the hole's
 * smaller side, so small targets get a pill and never a broken shape.
 *
 * @example overlayPath({width: 100, height: 50}, []) // 'M0,0H100V50H0Z'
 */
export function overlayPath(viewport: Size, holes: readonly Rect[], radius = OVERLAY_DEFAULTS.radius): string {
  const w = round(viewport.width);
  const h = round(viewport.height);
  return `M0,0H${w}V${h}H0Z` + holes.map((hole) => roundedRectPath(hole, radius)).join('');
}

/**
 * One closed rounded rectangle (clockwise), radius clamped to half the smaller side; empty
 * for an empty rectangle. Also the outline ring drawn around the cut-out.
 */
export function roundedRectPath(hole: Rect, radius = OVERLAY_DEFAULTS.radius): string {
  if (hole.width <= 0 || hole.height <= 0) return '';
  const r = round(Math.max(0, Math.min(radius, hole.width / 2, hole.height / 2)));
  const x = round(hole.x);
  const y = round(hole.y);
  const right = round(hole.x + hole.width);
  const bottom = round(hole.y + hole.height);
  return (
    `M${round(x + r)},${y}H${round(right - r)}A${r},${r} 0 0 1 ${right},${round(y + r)}` +
    `V${round(bottom - r)}A${r},${r} 0 0 1 ${round(right - r)},${bottom}` +
    `H${round(x + r)}A${r},${r} 0 0 1 ${x},${round(bottom - r)}` +
    `V${round(y + r)}A${r},${r} 0 0 1 ${round(x + r)},${y}Z`
  );
}

/**
 * How far a fixed or sticky header covers the top of the viewport: the lowest bottom edge
 * among bars pinned to the top that span at least half its width.
 */
export function topObstruction(bars: readonly Rect[], viewport: Size): number {
  let bottom = 0;
  for (const bar of bars) {
    if (bar.y <= 1 && bar.width >= viewport.width / 2 && bar.height < viewport.height / 2) {
      bottom = Math.max(bottom, bar.y + bar.height);
    }
  }
  return bottom;
}

/**
 * The vertical scroll (positive = down) that brings a target into the free band between a
 * top obstruction and a bottom one (the step card as a bottom sheet on phones), with a
 * margin. 0 when it is already inside. A target taller than the band is aligned to its top.
 */
export function scrollDelta(target: Rect, viewport: Size, top: number, bottom: number, margin = OVERLAY_DEFAULTS.margin): number {
  const bandTop = top + margin;
  const bandBottom = viewport.height - bottom - margin;
  if (target.y >= bandTop && target.y + target.height <= bandBottom) return 0;
  if (target.height > bandBottom - bandTop || target.y < bandTop) return round(target.y - bandTop);
  return round(target.y + target.height - bandBottom);
}

const round = (n: number) => Math.round(n * 10) / 10;

export const OVERLAY_DEFAULTS = Object.freeze({
  /** Space around the target inside the hole, in CSS pixels. */
  padding: 6,
  /** Corner radius of the hole. */
  radius: 8,
  /** Space kept between a scrolled-to target and the viewport's free edges. */
  margin: 16,
});
