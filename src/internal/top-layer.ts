/**
 * Puts an element in the browser's top layer with the Popover API, so no z-index on the
 * host page can cover it. Where popovers are missing (Safari < 17) the element's own
 * `z-index` has to do. Returns the teardown.
 */
export function promoteToTopLayer(element: HTMLElement): () => void {
  if (typeof element.showPopover !== 'function' || !element.isConnected) return () => {};
  element.popover = 'manual';
  try {
    element.showPopover();
  } catch {
    // Already shown (re-render of a connected element): nothing to undo later either.
    return () => {};
  }
  return () => {
    if (element.matches(':popover-open')) element.hidePopover();
  };
}
