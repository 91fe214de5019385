import { warnOnce } from './internal/warn.js';

declare const __DVC_VERSION__: string;

/** The version baked in at build time (`dev` in source-level tests). */
export const VERSION: string = typeof __DVC_VERSION__ === 'string' ? __DVC_VERSION__ : 'dev';

/**
 * Defines a custom element unless the page already has one of that name: a page that
 * includes our script twice, or two versions of it, keeps the first and gets one
 * warning naming both versions.
 *
 * @returns whether this call defined the element
 */
export function define(name: string, constructor: CustomElementConstructor): boolean {
  const existing = customElements.get(name) as (CustomElementConstructor & { version?: string }) | undefined;
  if (existing) {
    const other = existing.version ?? 'unknown';
    warnOnce(
      other === VERSION
        ? `<${name}> is already defined: the script is included more than once; this copy does nothing.`
        : `<${name}> is already defined by version ${other}; this copy (${VERSION}) does nothing.`,
    );
    return false;
  }
  customElements.define(name, constructor);
  return true;
}
