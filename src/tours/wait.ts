/**
 * Waits for something on the page (a late target, an error summary) without polling in a
 * tight loop: a MutationObserver on the document, coalesced to one check per frame, plus a
 * slow poll for changes inside shadow roots, which the observer cannot see.
 */

const SLOW_POLL_MS = 250;

/**
 * Calls `check` whenever the page may have changed, until it returns something other than
 * `null` or the timeout passes. Resolves with that value, or `null` on timeout or abort.
 *
 * @example const target = await waitFor(() => locate(step.target), { timeout: 4000, signal });
 */
export function waitFor<T>(check: () => T | null, { timeout, signal }: { timeout: number; signal: AbortSignal }): Promise<T | null> {
  const first = check();
  if (first !== null || timeout <= 0 || signal.aborted) return Promise.resolve(first);
  return new Promise((resolve) => {
    let frame = 0;
    const finish = (value: T | null) => {
      stop();
      resolve(value);
    };
    const run = () => {
      frame = 0;
      const value = check();
      if (value !== null) finish(value);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(run);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
    const poll = setInterval(run, SLOW_POLL_MS);
    const timer = setTimeout(() => finish(null), timeout);
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort, { once: true });
    function stop() {
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      signal.removeEventListener('abort', onAbort);
    }
  });
}

/**
 * Watches a condition for as long as a step is shown and calls `onChange` each time its
 * answer flips (an error summary appearing, then going away). Returns the teardown.
 */
export function watchCondition(condition: () => boolean, onChange: (now: boolean) => void): () => void {
  let last = condition();
  let frame = 0;
  const run = () => {
    frame = 0;
    const now = condition();
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(run);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  const poll = setInterval(run, SLOW_POLL_MS);
  if (last) queueMicrotask(() => onChange(true));
  return () => {
    observer.disconnect();
    clearInterval(poll);
    cancelAnimationFrame(frame);
  };
}
