import type { ConversationServices } from '../../src/controllers/conversation.controller.js';
import type { SearchClient } from '../../src/search/client.js';
import type { CorpusEntry, SearchResult } from '../../src/search/core/types.js';
import { memoryStore } from '../../src/storage/conversation-store.js';

export function entry(id: string, overrides: Partial<CorpusEntry> = {}): CorpusEntry {
  return {
    id,
    lang: 'vi',
    title: `Tiêu đề ${id}`,
    topic: id,
    questions: [`câu hỏi ${id}`],
    tags: [],
    answer: `Trả lời cho **${id}**.\n\n1. Bước một\n2. Bước hai`,
    updated: '2026-01-15',
    sources: ['https://dichvucong.gov.vn/p/home/dvc-trang-chu.html'],
    links: [],
    ...overrides,
  };
}

export function result(query: string, decision: SearchResult['decision'], ids: string[]): SearchResult {
  return {
    query,
    decision,
    mode: 'lexical',
    results: ids.map((id, i) => ({ id, topic: id, lang: 'vi', title: `Tiêu đề ${id}`, score: 0.9 - i * 0.2 })),
  };
}

/** A search client that answers from a table, optionally after a delay per question. */
export function fakeClient(
  answers: Record<string, SearchResult | Error>,
  entries: CorpusEntry[],
  delays: Record<string, number> = {},
): SearchClient & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    mode: 'main-thread',
    ready: Promise.resolve({ format: 1, corpusHash: 'test', modelId: null, entries: entries.length, langs: ['vi'] }),
    async search(text, { signal } = { lang: 'vi' }) {
      queries.push(text);
      await new Promise((r) => setTimeout(r, delays[text] ?? 0));
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const answer = answers[text] ?? result(text, 'handoff', []);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    async entry(id, lang) {
      return entries.find((e) => e.id === id && e.lang === lang) ?? null;
    },
    searchMode: 'lexical',
    loadModel() {},
    onProgress: () => () => {},
    onModeChange: () => () => {},
    dispose() {},
  } satisfies SearchClient & { queries: string[] };
}

export function services(client: SearchClient, stored: unknown[] = [], events: EventTarget = new EventTarget()): ConversationServices {
  const store = memoryStore<unknown>();
  void store.save(stored);
  return {
    search: () => client,
    store: Promise.resolve({ store, messages: stored }),
    events,
    onStorageFallback: () => {},
  };
}

/** Waits for running CSS animations (the panel's entrance) so axe measures final colours. */
export async function settled(el: Element): Promise<void> {
  const roots: (Document | ShadowRoot)[] = [document];
  const collect = (node: Element) => {
    if (node.shadowRoot) {
      roots.push(node.shadowRoot);
      node.shadowRoot.querySelectorAll('*').forEach(collect);
    }
  };
  collect(el);
  el.querySelectorAll('*').forEach(collect);
  await Promise.all(roots.flatMap((root) => root.getAnimations()).filter((a) => isFinite(a.effect?.getComputedTiming().endTime as number)).map((a) => a.finished));
}
