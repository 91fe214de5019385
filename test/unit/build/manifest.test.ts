import { describe, expect, it } from 'vitest';
import { lazyClosure, staticClosure } from '../../../build/manifest.js';

describe('staticClosure', () => {
  it('follows static imports once each and never dynamic ones', () => {
    const manifest = {
      'src/app.ts': { file: 'app.js', imports: ['_lit', '_shared'], dynamicImports: ['_engine'] },
      _lit: { file: 'chunks/lit.js', imports: ['_shared'] },
      _shared: { file: 'chunks/shared.js', imports: ['_lit'] },
      _engine: { file: 'chunks/engine.js' },
    };
    expect(staticClosure(manifest, 'src/app.ts')).toEqual(['app.js', 'chunks/lit.js', 'chunks/shared.js']);
    expect(staticClosure(manifest, 'missing')).toEqual([]);
  });
});

describe('lazyClosure', () => {
  it('counts only what a lazy chunk adds to the loaded UI', () => {
    const manifest = {
      'src/app.ts': { file: 'app.js', imports: ['_shared'], dynamicImports: ['src/handoff/service.ts'] },
      'src/handoff/service.ts': { file: 'chunks/service.js', imports: ['_shared', '_idb'] },
      _shared: { file: 'chunks/shared.js' },
      _idb: { file: 'chunks/idb.js' },
    };
    const ui = staticClosure(manifest, 'src/app.ts');
    expect(lazyClosure(manifest, 'src/handoff/service.ts', ui)).toEqual(['chunks/service.js', 'chunks/idb.js']);
  });
});
