import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixtureArtifact } from './fixture.js';

const CORE = new URL('../../../src/search/core/', import.meta.url);

/** Imports a core module may have: its siblings, the shared errors, and MiniSearch. */
const ALLOWED_IMPORT = /^(\.\/[a-z-]+\.js|\.\.\/\.\.\/errors\.js|minisearch)$/;
const BROWSER_GLOBALS = /\b(document|window|self|navigator|location|localStorage|sessionStorage|indexedDB|customElements|HTMLElement|Worker|fetch)\b/;

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** The code without the text of single-quoted strings (data tables hold English words such as 'document'). */
function withoutStrings(source: string): string {
  return source.replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
}

describe('src/search/core', () => {
  it('runs in plain Node, where no DOM exists', async () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const files = (await readdir(CORE)).filter((name) => name.endsWith('.ts'));
    for (const file of files) await import(new URL(file, CORE).href);
    const { createEngine } = await import('../../../src/search/core/engine.js');
    expect(createEngine(await fixtureArtifact()).searchLexical('khai sinh', { lang: 'vi' }).results.length).toBeGreaterThan(0);
  });

  it('imports nothing but its siblings, the error classes and MiniSearch, and touches no browser global', async () => {
    const files = (await readdir(CORE)).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of [...files.map((name) => new URL(name, CORE)), new URL('../../errors.ts', CORE)]) {
      const source = withoutComments(await readFile(file, 'utf8'));
      const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? match[2]);
      for (const specifier of specifiers) {
        if (file.pathname.endsWith('/errors.ts')) expect.fail(`errors.ts imports ${specifier}`);
        expect(specifier, `${file.pathname} imports ${specifier}`).toMatch(ALLOWED_IMPORT);
      }
      expect(withoutStrings(source), file.pathname).not.toMatch(BROWSER_GLOBALS);
    }
  });
});
