/**
 * A binary max-heap over entry positions, ordered by a key array the caller owns. The
 * pruned search takes entries out in order of their bound and stops early, so a heap saves
 * sorting them all; its items live in one typed array reused from query to query.
 */

/** A binary max-heap of entries by a key array: entries come out in order of their bound, without sorting them all. */
export interface Heap {
  items: Int32Array;
  size: number;
}

export function heapify(heap: Heap, key: Float64Array): void {
  for (let i = (heap.size >> 1) - 1; i >= 0; i--) siftDown(heap, key, i);
}

export function popHeap(heap: Heap, key: Float64Array): void {
  heap.items[0] = heap.items[--heap.size]!;
  siftDown(heap, key, 0);
}

/** Ties go to the lower entry position, so the order is deterministic. */
function siftDown(heap: Heap, key: Float64Array, at: number): void {
  const { items, size } = heap;
  const above = (a: number, b: number): boolean => key[a]! > key[b]! || (key[a] === key[b] && a < b);
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) return;
    const right = left + 1;
    const child = right < size && above(items[right]!, items[left]!) ? right : left;
    if (!above(items[child]!, items[at]!)) return;
    const swap = items[at]!;
    items[at] = items[child]!;
    items[child] = swap;
    at = child;
  }
}
