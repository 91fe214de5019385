/**
 * When and how long to wait before trying the central API again. Pure: time and randomness are
 * passed in, so tests decide them.
 */

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** The first backoff ceiling, doubled at each retry… */
  baseMs: number;
  /** …up to this ceiling. */
  maxMs: number;
  /** Longest `Retry-After` the widget honours before it gives up and queues the question. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 4,
  baseMs: 600,
  maxMs: 8000,
  maxRetryAfterMs: 30_000,
});

/** HTTP statuses worth another try with the same idempotency key (409: the first try is still running). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * "Full jitter" backoff: a random wait between 0 and the doubled ceiling, so many widgets
 * coming back after an outage do not knock on the server in step.
 *
 * @param retry - 0 for the first retry.
 * @param random - A number in [0, 1).
 * @example backoffDelay(2, 0.5) // 0.5 × min(8000, 600 × 4) = 1200
 */
export function backoffDelay(retry: number, random: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** retry);
  return Math.round(Math.max(0, Math.min(1, random)) * ceiling);
}

/**
 * Reads `Retry-After` (seconds, or an HTTP date) into milliseconds from `now`.
 *
 * @returns `null` when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
