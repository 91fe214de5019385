/**
 * A deterministic synthetic corpus for the benchmarks: N entries that read like the real
 * one because they are made of it. Phrasings (titles, questions) come from a first-order
 * Markov chain over the real phrasings' words, per language, so word and word-pair
 * frequencies, phrasing lengths, accent-less and abbreviated typing follow the real
 * corpus; each entry gets its own subject (two or three real syllables recombined) in its
 * title, most of its questions and its tags, the way a real procedure has its own name;
 * answers are real answer lines recombined, with a real answer's line count. English
 * entries exist for the same share of ids as in the real corpus.
 *
 * Same real entries, count and seed → the same entries, byte for byte.
 */
import { corpusHash } from '../../build/corpus/compile.js';
import { prng } from '../../build/prng.js';
import { createArtifact, stringifyArtifact } from '../../src/search/core/serialise.js';
import type { CorpusArtifact, CorpusEntry } from '../../src/search/core/types.js';
import type { BenchQuery } from './lexical.js';

type Lang = 'vi' | 'en';

export interface SyntheticOptions {
  /** Entries in all, both languages together. */
  count: number;
  /** PRNG seed. Default 20251128. */
  seed?: number;
}

export interface SyntheticCorpus {
  artifact: CorpusArtifact;
  /** The artifact as the compiler writes it. */
  json: string;
  /** Milliseconds to generate the entries. */
  generateMs: number;
  /** Milliseconds to build the artifact (index included) and stringify it: the compiler's cost. */
  buildMs: number;
}

/** Entries and artifact of a synthetic corpus of `options.count` entries, timed. */
export function syntheticCorpus(real: readonly CorpusEntry[], options: SyntheticOptions): SyntheticCorpus {
  const t0 = performance.now();
  const entries = syntheticEntries(real, options);
  const t1 = performance.now();
  const artifact = createArtifact(entries, { corpusHash: '', modelId: null });
  artifact.corpusHash = corpusHash(artifact);
  const json = stringifyArtifact(artifact);
  const t2 = performance.now();
  return { artifact, json, generateMs: t1 - t0, buildMs: t2 - t1 };
}

/** The synthetic entries (see the module comment). */
export function syntheticEntries(real: readonly CorpusEntry[], options: SyntheticOptions): CorpusEntry[] {
  const random = prng(options.seed ?? 20251128);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const vi = real.filter((entry) => entry.lang === 'vi');
  const en = real.filter((entry) => entry.lang === 'en');
  if (vi.length === 0) throw new Error('synthetic: the real corpus has no Vietnamese entry to learn from');
  const englishShare = en.length / real.length;
  const viCount = Math.max(1, Math.round(options.count / (1 + englishShare)));
  const enCount = Math.min(viCount, options.count - viCount);

  const models = {
    vi: languageModel(vi),
    en: en.length > 0 ? languageModel(en) : languageModel(vi),
  } satisfies Record<Lang, LanguageModel>;
  const templates = { vi, en: en.length > 0 ? en : vi } satisfies Record<Lang, CorpusEntry[]>;
  // Subjects are built from syllables of the Vietnamese text, answers included: a larger
  // corpus names more things, so its vocabulary grows too.
  const subjectSyllables = weightedPool(vi.flatMap((entry) => words([entry.title, ...entry.tags, entry.answer].join(' '))));

  const width = String(viCount).length;
  const ids = Array.from({ length: viCount }, (_, i) => `syn-${String(i + 1).padStart(width, '0')}`);
  // English entries for a deterministic spread of ids, as the real corpus translates some.
  const englishIds = new Set(ids.filter((_, i) => Math.floor(((i + 1) * enCount) / viCount) > Math.floor((i * enCount) / viCount)));
  const topics = ids.map((id, i) => (i > 0 && random() < 0.1 ? ids[Math.floor(random() * i)]! : id));

  const entries: CorpusEntry[] = [];
  const seenPhrasings = new Set<string>();
  ids.forEach((id, i) => {
    const subjectLength = random() < 0.7 ? 2 : 3;
    const subject = Array.from({ length: subjectLength }, () => pick(subjectSyllables).toLowerCase()).join(' ');
    for (const lang of ['vi', 'en'] as const) {
      if (lang === 'en' && !englishIds.has(id)) continue;
      const template = pick(templates[lang]);
      const model = models[lang];
      const unique = (make: () => string): string => {
        for (let attempt = 0; attempt < 20; attempt++) {
          const text = make();
          const key = `${lang}:${fold(text)}`;
          if (!seenPhrasings.has(key)) {
            seenPhrasings.add(key);
            return text;
          }
        }
        return `${make()} ${id}`;
      };
      const title = unique(() => capitalise(`${model.phrase(random, 2, 7)} ${subject}`));
      const questions = Array.from({ length: template.questions.length }, () =>
        unique(() => {
          const phrase = model.phrase(random, 3, 14);
          const roll = random();
          if (roll < 0.35) return `${phrase} ${subject}`;
          if (roll < 0.55) return `${subject} ${phrase}`;
          if (roll < 0.7) return `${phrase} ${fold(subject)}`;
          return phrase;
        }),
      );
      const tags = [...new Set([subject, ...Array.from({ length: template.tags.length - 1 }, () => pick(model.tags))])];
      const answerLines = template.answer.split('\n').filter((line) => line.trim() !== '').length;
      const answer = Array.from({ length: answerLines }, (_, line) =>
        line === 0 ? `**${capitalise(subject)}:** ${pick(model.answerLines)}` : pick(model.answerLines),
      ).join('\n\n');
      entries.push({
        id,
        lang,
        title,
        topic: topics[i]!,
        questions,
        tags,
        answer,
        updated: template.updated,
        sources: [...template.sources],
        links: template.links.map((link) => ({ ...link })),
      });
    }
  });
  return entries;
}

interface LanguageModel {
  /** A phrasing of `min`–`max` words walked from the chain. */
  phrase(random: () => number, min: number, max: number): string;
  tags: string[];
  answerLines: string[];
}

const START = '\u0002';
const END = '\u0003';

function languageModel(entries: readonly CorpusEntry[]): LanguageModel {
  const next = new Map<string, string[]>();
  const add = (from: string, to: string): void => {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  for (const entry of entries) {
    for (const text of [entry.title, ...entry.questions]) {
      const tokens = text.split(/\s+/).filter((token) => token !== '');
      let previous = START;
      for (const token of tokens) {
        add(previous.toLowerCase(), token);
        previous = token;
      }
      add(previous.toLowerCase(), END);
    }
  }
  const tags = entries.flatMap((entry) => entry.tags);
  const answerLines = entries.flatMap((entry) => entry.answer.split('\n').filter((line) => line.trim() !== ''));
  return {
    tags,
    answerLines,
    phrase(random, min, max) {
      for (let attempt = 0; ; attempt++) {
        const out: string[] = [];
        let state = START;
        while (out.length < max) {
          const options = next.get(state.toLowerCase());
          if (!options) break;
          const token = options[Math.floor(random() * options.length)]!;
          if (token === END) break;
          out.push(token);
          state = token;
        }
        if (out.length >= min || attempt >= 10) return out.join(' ');
      }
    },
  };
}

/** Words of a text as a frequency-weighted pool (square root of the frequency: fewer stopwords, more content words). */
function weightedPool(tokens: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const pool: string[] = [];
  for (const [token, count] of counts) for (let i = 0; i < Math.round(Math.sqrt(count)); i++) pool.push(token);
  return pool;
}

/** Letter-only words of a text (no numbers, URLs or markup). */
function words(text: string): string[] {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= 2);
}

/** Without Vietnamese accents, lower case: how many citizens type. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Questions a citizen of the synthetic corpus would type: its own questions, picked
 * deterministically, every other one without accents and with one word dropped.
 */
export function syntheticQueries(entries: readonly CorpusEntry[], count: number, seed = 7): BenchQuery[] {
  const random = prng(seed);
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count && entries.length > 0; i++) {
    const entry = entries[Math.floor(random() * entries.length)]!;
    const question = entry.questions[Math.floor(random() * entry.questions.length)] ?? entry.title;
    let text = question;
    if (i % 2 === 1) {
      const words = fold(question).split(/\s+/);
      if (words.length > 3) words.splice(Math.floor(random() * words.length), 1);
      text = words.join(' ');
    }
    queries.push({ text, lang: entry.lang, kind: 'synthetic' });
  }
  return queries;
}
