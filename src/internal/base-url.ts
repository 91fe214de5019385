/**
 * The folder every other asset is fetched from: the loader script's own folder, or its
 * `data-base` override, always ending in `/`. Agencies host the files anywhere (their
 * own server, a central CDN) without configuring paths.
 *
 * @example baseFrom('https://cdn.example.gov.vn/dvc/1.2.0/dvc-assistant.js', undefined, page) // 'https://cdn.example.gov.vn/dvc/1.2.0/'
 */
export function baseFrom(scriptSrc: string | undefined, override: string | undefined, pageUrl: string): string {
  if (override) return new URL(override, pageUrl).href.replace(/\/?$/, '/');
  return new URL('./', new URL(scriptSrc || './', pageUrl)).href;
}
