import { describe, expect, it } from 'vitest';
import { baseFrom } from '../../../src/internal/base-url.js';

const PAGE = 'https://ubnd.example.gov.vn/thu-tuc/khai-sinh?x=1';

describe('baseFrom', () => {
  it('takes the folder of the script, wherever it is hosted', () => {
    expect(baseFrom('https://cdn.example.gov.vn/dvc/1.2.0/dvc-assistant.js', undefined, PAGE)).toBe('https://cdn.example.gov.vn/dvc/1.2.0/');
    expect(baseFrom('/widget/dvc-assistant.js?v=3', undefined, PAGE)).toBe('https://ubnd.example.gov.vn/widget/');
  });

  it('lets data-base override it, relative to the page, always as a folder', () => {
    expect(baseFrom('/widget/dvc-assistant.js', '/static/dvc', PAGE)).toBe('https://ubnd.example.gov.vn/static/dvc/');
    expect(baseFrom('/widget/dvc-assistant.js', 'https://cdn.example.gov.vn/a/', PAGE)).toBe('https://cdn.example.gov.vn/a/');
  });

  it('falls back to the page folder when the script has no src (inlined by a bundler)', () => {
    expect(baseFrom(undefined, undefined, PAGE)).toBe('https://ubnd.example.gov.vn/thu-tuc/');
  });
});
