import { describe, expect, it } from 'vitest';
import { staticClosure } from '../../../build/manifest.js';

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
