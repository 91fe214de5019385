import { DEFAULTS, OPTIONS, type ConfigKey, type DvcConfig, type OptionSpec } from './schema.js';

/** A layer of raw option values, as strings from attributes or typed values from JS. */
export type RawLayer = Partial<Record<ConfigKey, unknown>>;

export interface ConfigProblem {
  /** Where the value came from, e.g. `data-api` or the attribute `position`. */
  source: string;
  message: string;
}

const BY_ATTRIBUTE = new Map(OPTIONS.map((o) => [o.attribute, o]));
const BY_KEY = new Map(OPTIONS.map((o) => [o.key, o]));

/** The option an attribute name stands for, if any. */
export function optionForAttribute(attribute: string): OptionSpec | undefined {
  return BY_ATTRIBUTE.get(attribute);
}

/**
 * Reads the script tag's `data-*` (as a `DOMStringMap`-like record) into a raw layer.
 * `data-api-type` arrives as `apiType`, which is exactly our key.
 */
export function layerFromDataset(dataset: Record<string, string | undefined>): RawLayer {
  const layer: RawLayer = {};
  for (const option of OPTIONS) {
    const raw = dataset[option.key];
    if (raw !== undefined) layer[option.key] = raw;
  }
  return layer;
}

/**
 * Validates one raw value. Strings go through the option's parser; typed JS values are
 * turned into strings first so one parser decides for every door. `null`/`undefined`
 * clear the layer's value.
 */
export function parseOption(
  key: ConfigKey,
  raw: unknown,
  pageUrl: string,
): { value: DvcConfig[ConfigKey] } | { error: string } {
  const option = BY_KEY.get(key);
  if (!option) return { error: 'is not an option' };
  if (typeof raw === 'boolean' && key === 'open') return { value: raw };
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    return { error: 'must be a string' };
  }
  return option.parse(String(raw), pageUrl);
}

/**
 * Merges layers over the frozen defaults, lowest precedence first
 * (defaults < loader `data-*` < attributes < JS properties). A bad value is reported
 * through `report` with its source and ignored, so the layer below it stays in force.
 *
 * @example
 * mergeConfig([{ layer: { position: 'top' }, source: (k) => `data-${k}` }], location.href, console.warn)
 */
export function mergeConfig(
  layers: readonly { layer: RawLayer; source: (option: OptionSpec) => string }[],
  pageUrl: string,
  report: (problem: ConfigProblem) => void,
): DvcConfig {
  const config: DvcConfig = { ...DEFAULTS };
  for (const { layer, source } of layers) {
    for (const option of OPTIONS) {
      if (!(option.key in layer)) continue;
      const raw = layer[option.key];
      if (raw === undefined || raw === null) continue;
      const parsed = parseOption(option.key, raw, pageUrl);
      if ('error' in parsed) {
        report({ source: source(option), message: `${parsed.error}; got ${JSON.stringify(raw)}` });
      } else {
        (config as unknown as Record<string, unknown>)[option.key] = parsed.value;
      }
    }
  }
  return config;
}
