/**
 * One schema for every option of `<dvc-assistant>`, whatever door it comes through:
 * the loader's `data-*`, the element's attributes or JS properties. Pure: no DOM.
 */

export type Lang = 'vi' | 'en';

export interface DvcConfig {
  /** Interface language; `null` = the nearest `lang` on the page, else Vietnamese. */
  lang: Lang | null;
  /** Base URL of the central chatbot API; `null` = no handoff, contact info instead. */
  api: string | null;
  apiType: 'dvc' | 'openai';
  /** URL of the compiled corpus; `null` = `corpus.json` next to the script. */
  corpus: string | null;
  /** Embedding model id, or `none` for lexical search only. */
  model: string;
  /** Where model files are hosted; `null` = `<base>models/`. */
  modelBase: string | null;
  /** URL of the compiled tours; `null` = the bundled ones. */
  tours: string | null;
  agency: string;
  /** Help line shown when the assistant cannot answer. */
  contact: string;
  position: 'bottom-right' | 'bottom-left';
  open: boolean;
  /** Overrides the gate's answer confidence, in [0, 1]. */
  threshold: number | null;
  persist: 'session' | 'local' | 'none';
  /** `off`, `on` (to `{api}/v1/events`), or an explicit URL. */
  telemetry: string;
}

export type ConfigKey = keyof DvcConfig;

/** Parses a raw string into a value, or returns an error text that names what is allowed. */
type Parser<T> = (raw: string, pageUrl: string) => { value: T } | { error: string };

export interface OptionSpec<K extends ConfigKey = ConfigKey> {
  key: K;
  attribute: string;
  parse: Parser<DvcConfig[K]>;
}

const oneOf =
  <T extends string>(...allowed: T[]): Parser<T> =>
  (raw) =>
    (allowed as string[]).includes(raw.trim())
      ? { value: raw.trim() as T }
      : { error: `must be one of ${allowed.join(', ')}` };

const text: Parser<string> = (raw) => ({ value: raw.trim() });

/** Relative URLs resolve against the page, as a developer writing HTML expects. */
const url: Parser<string | null> = (raw, pageUrl) => {
  try {
    const resolved = new URL(raw.trim(), pageUrl);
    return /^https?:$/.test(resolved.protocol)
      ? { value: resolved.href.replace(/\/$/, '') }
      : { error: 'must be an http(s) URL' };
  } catch {
    return { error: 'must be a URL' };
  }
};

/** Like `url`, but a folder URL keeps its trailing slash so files resolve inside it. */
const folderUrl: Parser<string | null> = (raw, pageUrl) => {
  const parsed = url(raw, pageUrl);
  return 'value' in parsed && parsed.value ? { value: parsed.value.replace(/\/?$/, '/') } : parsed;
};

const boolean: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  // A present boolean attribute is true whatever its value, except an explicit "false".
  return { value: v !== 'false' };
};

const threshold: Parser<number | null> = (raw) => {
  const n = Number(raw.trim());
  return raw.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 1
    ? { value: n }
    : { error: 'must be a number from 0 to 1' };
};

const telemetry: Parser<string> = (raw, pageUrl) => {
  const v = raw.trim();
  if (v === 'on' || v === 'off') return { value: v };
  const parsed = url(v, pageUrl);
  return 'value' in parsed && parsed.value ? { value: parsed.value } : { error: 'must be on, off or a URL' };
};

const model: Parser<string> = (raw) =>
  /^(none|[\w.-]+(\/[\w.-]+)?)$/.test(raw.trim())
    ? { value: raw.trim() }
    : { error: 'must be "none" or a model id such as Xenova/multilingual-e5-small' };

function spec<K extends ConfigKey>(key: K, attribute: string, parse: Parser<DvcConfig[K]>): OptionSpec<K> {
  return { key, attribute, parse };
}

/** Every option, in the order the README documents them. */
export const OPTIONS: readonly OptionSpec[] = Object.freeze([
  spec('lang', 'lang', oneOf('vi', 'en')),
  spec('api', 'api', url),
  spec('apiType', 'api-type', oneOf('dvc', 'openai')),
  spec('corpus', 'corpus', url),
  spec('model', 'model', model),
  spec('modelBase', 'model-base', folderUrl),
  spec('tours', 'tours', url),
  spec('agency', 'agency', text),
  spec('contact', 'contact', text),
  spec('position', 'position', oneOf('bottom-right', 'bottom-left')),
  spec('open', 'open', boolean),
  spec('threshold', 'threshold', threshold),
  spec('persist', 'persist', oneOf('session', 'local', 'none')),
  spec('telemetry', 'telemetry', telemetry),
] as OptionSpec[]);

/** Built-in defaults, the bottom layer of the precedence. */
export const DEFAULTS: Readonly<DvcConfig> = Object.freeze({
  lang: null,
  api: null,
  apiType: 'dvc',
  corpus: null,
  model: 'Xenova/multilingual-e5-small',
  modelBase: null,
  tours: null,
  agency: '',
  contact: '',
  position: 'bottom-right',
  open: false,
  threshold: null,
  persist: 'session',
  telemetry: 'on',
});
