import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixtureArtifact } from './fixture.js';

const CORE = new URL('../../../src/search/core/', import.meta.url);

const ERRORS = new URL('../../errors.ts', CORE);
const BROWSER_GLOBALS = /\b(document|window|self|navigator|location|localStorage|sessionStorage|indexedDB|customElements|HTMLElement|Worker|fetch)\b/;

/** Every module of the core, those in its subfolders (`lexical/`) included. */
async function coreFiles(): Promise<URL[]> {
  const names = await readdir(CORE, { recursive: true });
  return names.filter((name) => name.endsWith('.ts')).map((name) => new URL(name, CORE));
}

/** Imports a core module may have: other core modules, the shared errors, and MiniSearch. */
function allowedImport(file: URL, specifier: string): boolean {
  if (specifier === 'minisearch') return true;
  if (!/^\.\.?\/.*\.js$/.test(specifier)) return false;
  const target = new URL(specifier.replace(/\.js$/, '.ts'), file).href;
  if (target === ERRORS.href) return true;
  return target.startsWith(CORE.href) && /^([a-z-]+\/)?[a-z-]+\.ts$/.test(target.slice(CORE.href.length));
}

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
    for (const file of await coreFiles()) await import(file.href);
    const { createEngine } = await import('../../../src/search/core/engine.js');
    expect(createEngine(await fixtureArtifact()).searchLexical('khai sinh', { lang: 'vi' }).results.length).toBeGreaterThan(0);
  });

  it('imports nothing but its siblings, the error classes and MiniSearch, and touches no browser global', async () => {
    const files = await coreFiles();
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(files.some((file) => file.pathname.endsWith('/lexical/prune.ts'))).toBe(true);
    for (const file of [...files, ERRORS]) {
      const source = withoutComments(await readFile(file, 'utf8'));
      const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? match[2]);
      for (const specifier of specifiers) {
        if (file.pathname.endsWith('/errors.ts')) expect.fail(`errors.ts imports ${specifier}`);
        expect(allowedImport(file, specifier), `${file.pathname} imports ${specifier}`).toBe(true);
      }
      expect(withoutStrings(source), file.pathname).not.toMatch(BROWSER_GLOBALS);
    }
  });
});
