import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, backoffDelay, isRetryableStatus, retryAfterMs } from '../../../src/handoff/retry.js';

describe('retry policy', () => {
  it('waits a random time under a doubling ceiling, never above the maximum', () => {
    fc.assert(
      fc.property(fc.nat({ max: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (retry, random) => {
        const delay = backoffDelay(retry, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(DEFAULT_RETRY.maxMs, DEFAULT_RETRY.baseMs * 2 ** retry));
      }),
    );
    expect(backoffDelay(2, 0.5)).toBe(1200);
    expect(backoffDelay(10, 0.999)).toBe(7992);
  });

  it('retries 408, 409, 429 and 5xx, not other client errors', () => {
    expect([408, 409, 425, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
