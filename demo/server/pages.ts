/**
 * Clean-URL pages of the demo site: `/x/y` → `site/x/y.html` or `site/x/y/index.html`, with three tiny
 * server-side substitutions so eighteen pages share one header and footer without a build step:
 *
 * - `<!--#include name -->` inserts `site/_partials/name.html` (one level, no recursion);
 * - the main navigation link of the current section gets `aria-current` (`page` on the exact page,
 *   `true` below it), so the highlight needs no script;
 * - `{{ASSETS_ORIGIN}}` becomes the origin of the assets listener (the `/kiem-thu/cdn` fixture).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { resolveInside, statFile } from "./files.js";

/**
 * Finds the HTML file for a clean URL path.
 *
 * @param siteDir - Absolute path of `demo/site`.
 * @param urlPath - Decoded URL path without trailing slash, e.g. `/thu-tuc/khai-sinh`.
 * @returns The absolute file path, or `undefined` when there is no such page.
 */
export async function findPage(siteDir: string, urlPath: string): Promise<string | undefined> {
  const relative = urlPath.replace(/^\/+/, "");
  const candidates = relative === "" ? ["index.html"] : [`${relative}.html`, `${relative}/index.html`];
  for (const candidate of candidates) {
    const file = resolveInside(siteDir, candidate);
    if (file !== undefined && (await statFile(file)) !== undefined) return file;
  }
  return undefined;
}

export interface RenderContext {
  /** The clean URL path of the page being rendered (used for the navigation highlight). */
  urlPath: string;
  /** Replacement for `{{ASSETS_ORIGIN}}`; left untouched when undefined. */
  assetsOrigin?: string;
}

const INCLUDE = /<!--#include\s+([a-z0-9-]+)\s*-->/g;
const NAV_LINK = /<a class="site-nav__link" href="([^"]+)"/g;

/**
 * Reads a page file and applies includes, the navigation highlight and placeholders.
 *
 * @param siteDir - Absolute path of `demo/site`.
 * @param file - The page file (from {@link findPage} or an error page under `_errors/`).
 * @param context - Current path and placeholder values.
 * @returns The HTML to send.
 */
export async function renderPage(siteDir: string, file: string, context: RenderContext): Promise<string> {
  const source = await readFile(file, "utf8");
  const partialsDir = path.join(siteDir, "_partials");
  const names = new Set([...source.matchAll(INCLUDE)].map((m) => m[1]!));
  const partials = new Map<string, string>();
  for (const name of names) {
    partials.set(name, await readFile(path.join(partialsDir, `${name}.html`), "utf8"));
  }
  let html = source.replace(INCLUDE, (_all, name: string) => partials.get(name)!.trimEnd());
  html = markCurrentNav(html, context.urlPath);
  if (context.assetsOrigin !== undefined) html = html.replaceAll("{{ASSETS_ORIGIN}}", context.assetsOrigin);
  return html;
}

/**
 * Adds `aria-current` to the main navigation link that matches `urlPath`.
 *
 * @example
 * markCurrentNav('<a class="site-nav__link" href="/thu-tuc">', "/thu-tuc/khai-sinh");
 * // '<a class="site-nav__link" href="/thu-tuc" aria-current="true">'
 */
export function markCurrentNav(html: string, urlPath: string): string {
  return html.replace(NAV_LINK, (all, href: string) => {
    if (href === urlPath) return `${all} aria-current="page"`;
    if (href !== "/" && urlPath.startsWith(`${href}/`)) return `${all} aria-current="true"`;
    return all;
  });
}
