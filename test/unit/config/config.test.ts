import { describe, expect, it } from 'vitest';
import { layerFromDataset, mergeConfig, parseOption, type ConfigProblem } from '../../../src/config/config.js';
import { DEFAULTS, OPTIONS } from '../../../src/config/schema.js';

const PAGE = 'https://dichvucong.example.gov.vn/thu-tuc/khai-sinh';

function merge(...layers: Record<string, unknown>[]) {
  const problems: ConfigProblem[] = [];
  const config = mergeConfig(
    layers.map((layer, i) => ({ layer, source: (o) => `layer${i}:${o.attribute}` })),
    PAGE,
    (p) => problems.push(p),
  );
  return { config, problems };
}

describe('mergeConfig', () => {
  it('returns the frozen defaults when no layer sets anything', () => {
    expect(merge().config).toEqual(DEFAULTS);
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
  });

  it('lets each later layer win over the one before it', () => {
    const { config } = merge({ position: 'bottom-left', agency: 'A' }, { agency: 'B' }, { agency: 'C' });
    expect(config.position).toBe('bottom-left');
    expect(config.agency).toBe('C');
  });

  it('reports a bad value with its source and keeps the value below it', () => {
    const { config, problems } = merge({ position: 'bottom-left' }, { position: 'top-middle' });
    expect(config.position).toBe('bottom-left');
    expect(problems).toEqual([
      { source: 'layer1:position', message: 'must be one of bottom-right, bottom-left; got "top-middle"' },
    ]);
  });

  it('resolves relative URLs against the page and drops a trailing slash from the API base', () => {
    const { config } = merge({ api: '/api/', corpus: '../data/corpus.json', 'modelBase': '/models' });
    expect(config.api).toBe('https://dichvucong.example.gov.vn/api');
    expect(config.corpus).toBe('https://dichvucong.example.gov.vn/data/corpus.json');
    expect(config.modelBase).toBe('https://dichvucong.example.gov.vn/models/');
  });

  it('refuses URLs that are not http(s)', () => {
    const { config, problems } = merge({ api: 'javascript:alert(1)' });
    expect(config.api).toBeNull();
    expect(problems[0]?.message).toMatch(/^must be an http\(s\) URL/);
  });

  it('accepts a threshold only from 0 to 1', () => {
    expect(merge({ threshold: '0.7' }).config.threshold).toBe(0.7);
    expect(merge({ threshold: 0.25 }).config.threshold).toBe(0.25);
    for (const bad of ['1.5', '-0.1', 'cao', '']) {
      const { config, problems } = merge({ threshold: bad });
      expect(config.threshold).toBeNull();
      expect(problems).toHaveLength(1);
    }
  });

  it('reads booleans as HTML does, except an explicit "false"', () => {
    expect(merge({ open: '' }).config.open).toBe(true);
    expect(merge({ open: 'open' }).config.open).toBe(true);
    expect(merge({ open: 'false' }).config.open).toBe(false);
    expect(merge({ open: false }).config.open).toBe(false);
  });

  it('takes telemetry as on, off or a URL', () => {
    expect(merge({ telemetry: 'off' }).config.telemetry).toBe('off');
    expect(merge({ telemetry: '/collect' }).config.telemetry).toBe('https://dichvucong.example.gov.vn/collect');
    expect(merge({ telemetry: 'ftp://x' }).problems).toHaveLength(1);
  });

  it('ignores null and undefined so a cleared property falls back', () => {
    expect(merge({ agency: 'A' }, { agency: null, position: undefined }).config.agency).toBe('A');
  });

  it('rejects values that are not strings, numbers or booleans', () => {
    expect(parseOption('agency', { name: 'x' }, PAGE)).toEqual({ error: 'must be a string' });
  });
});

describe('layerFromDataset', () => {
  it('maps data-* names (as the DOM camel-cases them) onto option keys', () => {
    const layer = layerFromDataset({ api: '/api', apiType: 'openai', modelBase: '/m/', src: 'ignored', base: '/x/' });
    expect(layer).toEqual({ api: '/api', apiType: 'openai', modelBase: '/m/' });
  });

  it('covers every option of the schema exactly once', () => {
    const attributes = OPTIONS.map((o) => o.attribute);
    expect(new Set(attributes).size).toBe(attributes.length);
    expect(OPTIONS.map((o) => o.key).sort()).toEqual(Object.keys(DEFAULTS).sort());
  });
});
