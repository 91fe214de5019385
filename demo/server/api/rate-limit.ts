/**
 * Per-client rate limit: a token bucket per IP address. Each client may burst up to `perMinute` requests,
 * then gets one more every `60 / perMinute` seconds; a refused request learns how long to wait
 * (`Retry-After`). Pure apart from the clock it is given.
 */

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
}

/** Buckets kept before idle (full) ones are swept, so a scan of many addresses cannot grow memory. */
const SWEEP_ABOVE = 10_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param perMinute - Sustained requests per minute per client (also the burst size); `0` = unlimited.
   * @param now - Clock in epoch milliseconds.
   */
  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isFinite(perMinute) || perMinute < 0) {
      throw new RangeError(`dvc/demo-api: rate limit must be a number of requests per minute ≥ 0, got ${perMinute}`);
    }
  }

  /**
   * Takes one request from a client's bucket.
   *
   * @param client - The client key (its IP address).
   * @returns Allowed, or refused with the whole seconds to wait for the next token.
   * @example
   * const limiter = new RateLimiter(2, () => 0);
   * limiter.take("a"); limiter.take("a"); // allowed twice
   * limiter.take("a"); // { allowed: false, retryAfterSeconds: 30 }
   */
  take(client: string): RateDecision {
    if (this.perMinute === 0) return { allowed: true };
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    if (!this.buckets.has(client)) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now, perMs);
      this.buckets.set(client, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  /** Forgets clients whose bucket has refilled: they are indistinguishable from new ones. */
  private sweep(now: number, perMs: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.perMinute) this.buckets.delete(client);
    }
  }
}
