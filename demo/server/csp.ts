/**
 * Content-Security-Policy builder for the demo portal.
 *
 * Pure: no I/O, no Node APIs, so unit tests can check the exact header text.
 * The policy is the strict one agencies are expected to run (see DESIGN.md, "Build and test layout"):
 * no inline script or style, WebAssembly allowed for the embedding model, workers from the page's own
 * origin or a `blob:` bootstrap, and nothing from third parties.
 */

/** One directive name and its source list, in the order they are written. */
export type CspDirectives = ReadonlyArray<readonly [name: string, sources: readonly string[]]>;

/** The policy every page of the demo is served with (same-origin widget). */
export const BASE_DIRECTIVES: CspDirectives = Object.freeze([
  ["default-src", ["'self'"]],
  ["script-src", ["'self'", "'wasm-unsafe-eval'"]],
  ["worker-src", ["'self'", "blob:"]],
  ["style-src", ["'self'"]],
  ["img-src", ["'self'", "data:"]],
  ["connect-src", ["'self'"]],
  ["font-src", ["'self'"]],
  ["object-src", ["'none'"]],
  ["base-uri", ["'self'"]],
  ["form-action", ["'self'"]],
  ["frame-ancestors", ["'none'"]],
] as const);

/** Directives that must also allow a cross-origin assets host (the "central CDN" case). */
export const ASSET_ORIGIN_DIRECTIVES = Object.freeze(["script-src", "connect-src", "style-src"] as const);

export interface CspOptions {
  /**
   * Origin the widget is loaded from when it is not the page's own (e.g. `http://127.0.0.1:8081`).
   * Added to `script-src`, `connect-src` and `style-src`.
   */
  assetsOrigin?: string;
}

/**
 * Builds the `Content-Security-Policy` header value.
 *
 * @param options - `assetsOrigin` for pages that load the widget from another origin.
 * @returns The header value, directives separated by `; `.
 * @example
 * buildCsp();
 * // "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; …"
 * buildCsp({ assetsOrigin: "http://127.0.0.1:8081" });
 * // "…; script-src 'self' 'wasm-unsafe-eval' http://127.0.0.1:8081; …"
 */
export function buildCsp(options: CspOptions = {}): string {
  const extra = options.assetsOrigin === undefined ? undefined : normaliseOrigin(options.assetsOrigin);
  return BASE_DIRECTIVES.map(([name, sources]) => {
    const list = [...sources];
    if (extra !== undefined && (ASSET_ORIGIN_DIRECTIVES as readonly string[]).includes(name) && !list.includes(extra)) {
      list.push(extra);
    }
    return `${name} ${list.join(" ")}`;
  }).join("; ");
}

/**
 * Reduces a URL or origin to its serialised origin (`scheme://host[:port]`), refusing anything that could
 * smuggle extra directives or keywords into the header.
 *
 * @param value - An absolute http(s) URL or origin.
 * @returns The origin, e.g. `http://127.0.0.1:8081`.
 * @example
 * normaliseOrigin("http://127.0.0.1:8081/widget/"); // "http://127.0.0.1:8081"
 */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`dvc/demo-csp: not an absolute URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`dvc/demo-csp: only http(s) origins can be allowed, got ${JSON.stringify(value)}`);
  }
  return url.origin;
}
