// Server settings from environment variables.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPSTREAM_MODEL, optionsFromEnv } from '../../../demo/server/env.js';

describe('optionsFromEnv', () => {
  it('has defaults for a plain `npm start`', () => {
    expect(optionsFromEnv({})).toEqual({ host: '127.0.0.1', port: 8080, dataDir: path.resolve('data') });
  });

  it('reads every API setting', () => {
    expect(
      optionsFromEnv({
        PORT: '0',
        ASSETS_PORT: '8081',
        DATA_DIR: 'test-results/data',
        ALLOWED_ORIGINS: 'https://dvc.partner.gov.vn/, http://127.0.0.1:9000',
        RATE_LIMIT: '0',
        TRUST_PROXY: '1',
        STAFF_TOKEN: 'a-long-enough-token',
        UPSTREAM_URL: 'http://127.0.0.1:9001/v1',
        UPSTREAM_API_KEY: 'sk-x',
        FILING_PATHS: '/ho-so/da-nop,/nop-thanh-cong',
        FILING_TOURS: 'nop-khai-sinh',
      }),
    ).toEqual({
      host: '127.0.0.1',
      port: 0,
      assetsPort: 8081,
      dataDir: path.resolve('test-results/data'),
      allowedOrigins: ['https://dvc.partner.gov.vn', 'http://127.0.0.1:9000'],
      rateLimitPerMinute: 0,
      trustProxy: true,
      staffToken: 'a-long-enough-token',
      upstream: { url: 'http://127.0.0.1:9001/v1', model: DEFAULT_UPSTREAM_MODEL, timeoutMs: 30_000, apiKey: 'sk-x' },
      filingPaths: ['/ho-so/da-nop', '/nop-thanh-cong'],
      filingTours: ['nop-khai-sinh'],
    });
  });

  it.each([
    [{ PORT: '70000' }, /PORT must be a port number/],
    [{ RATE_LIMIT: 'many' }, /RATE_LIMIT must be requests per minute/],
    [{ ALLOWED_ORIGINS: 'dvc.gov.vn' }, /ALLOWED_ORIGINS: "dvc.gov.vn" is not an http\(s\) origin/],
    [{ STAFF_TOKEN: 'short' }, /STAFF_TOKEN must be at least 16/],
    [{ UPSTREAM_URL: 'ftp://x' }, /UPSTREAM_URL must use http or https/],
    [{ UPSTREAM_URL: 'http://x', UPSTREAM_TIMEOUT_MS: '0' }, /UPSTREAM_TIMEOUT_MS/],
    [{ FILING_PATHS: 'ho-so' }, /FILING_PATHS: "ho-so" must be a path/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be 1 or 0/],
  ])('names the variable when %j is unusable', (env, message) => {
    expect(() => optionsFromEnv(env)).toThrow(message);
  });
});
