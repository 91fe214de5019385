import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersect, overlayPath, pad, roundedRectPath, scrollDelta, topObstruction, visiblePart, type Rect } from '../../../src/tours/geometry.js';

const rect = fc.record({
  x: fc.integer({ min: -10, max: 10 }),
  y: fc.integer({ min: -10, max: 10 }),
  width: fc.integer({ min: 0, max: 12 }),
  height: fc.integer({ min: 0, max: 12 }),
});

/** Brute force: the integer points covered by a rectangle (half-open). */
function points(r: Rect | null): Set<string> {
  const set = new Set<string>();
  if (!r) return set;
  for (let x = r.x; x < r.x + r.width; x++) for (let y = r.y; y < r.y + r.height; y++) set.add(`${x},${y}`);
  return set;
}

describe('tour geometry', () => {
  it('intersects rectangles exactly like counting the points they share', () => {
    fc.assert(
      fc.property(rect, rect, (a, b) => {
        const inB = points(b);
        const expected = [...points(a)].filter((p) => inB.has(p)).sort();
        expect([...points(intersect(a, b))].sort()).toEqual(expected);
      }),
    );
  });

  it('clips a target to its scroll containers and the viewport, or says it is out of sight', () => {
    const viewport = { width: 100, height: 100 };
    expect(visiblePart({ x: 10, y: 80, width: 20, height: 40 }, [], viewport)).toEqual({ x: 10, y: 80, width: 20, height: 20 });
    expect(visiblePart({ x: 10, y: 10, width: 20, height: 20 }, [{ x: 0, y: 0, width: 100, height: 15 }], viewport)).toEqual({ x: 10, y: 10, width: 20, height: 5 });
    expect(visiblePart({ x: 10, y: 50, width: 20, height: 20 }, [{ x: 0, y: 0, width: 100, height: 40 }], viewport)).toBeNull();
  });

  it('draws the whole viewport and one rounded hole per target, with the radius clamped to small targets', () => {
    expect(overlayPath({ width: 100, height: 50 }, [])).toBe('M0,0H100V50H0Z');
    const path = overlayPath({ width: 100, height: 50 }, [{ x: 10, y: 10, width: 4, height: 30 }], 8);
    expect(path.startsWith('M0,0H100V50H0Z')).toBe(true);
    expect(path).toContain('A2,2'); // half of the 4 px width, not 8
    expect(roundedRectPath({ x: 0, y: 0, width: 0, height: 10 })).toBe('');
    expect(pad({ x: 10, y: 10, width: 5, height: 5 }, 2)).toEqual({ x: 8, y: 8, width: 9, height: 9 });
  });

  it('finds how far a fixed header covers the top, ignoring side bars and footers', () => {
    const viewport = { width: 400, height: 800 };
    expect(topObstruction([{ x: 0, y: 0, width: 400, height: 64 }, { x: 0, y: 0, width: 40, height: 800 }, { x: 0, y: 740, width: 400, height: 60 }], viewport)).toBe(64);
    expect(topObstruction([], viewport)).toBe(0);
  });

  it('scrolls a target into the band between a fixed header and a bottom sheet', () => {
    const viewport = { width: 360, height: 700 };
    expect(scrollDelta({ x: 0, y: 200, width: 100, height: 40 }, viewport, 60, 0)).toBe(0);
    expect(scrollDelta({ x: 0, y: 30, width: 100, height: 40 }, viewport, 60, 0)).toBe(30 - 76); // under the header
    expect(scrollDelta({ x: 0, y: 500, width: 100, height: 40 }, viewport, 60, 300)).toBe(540 - 384); // under the sheet
    expect(scrollDelta({ x: 0, y: 500, width: 100, height: 900 }, viewport, 60, 0)).toBe(500 - 76); // taller than the band
  });
});
