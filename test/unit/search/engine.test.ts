import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/search/core/engine.js';
import type { CorpusArtifact, Embedder } from '../../../src/search/core/types.js';
import { artifactOf, entry, fixtureArtifact } from './fixture.js';

let artifact: CorpusArtifact;
let engine: Engine;

beforeAll(async () => {
  artifact = await fixtureArtifact();
  engine = createEngine(artifact);
});

describe('the gate on the fixture corpus', () => {
  it('answers a question asked exactly as a corpus phrasing, with full confidence', () => {
    const result = engine.search('Đăng ký tạm trú online như thế nào?', { lang: 'vi' });
    expect(result.decision).toBe('answer');
    expect(result.results[0]).toMatchObject({ id: 'tam-tru', lang: 'vi', score: 1 });
  });

  it('answers paraphrases with abbreviations, shorthand, no accents or Telex leftovers', () => {
    const cases = {
      'lam lai cccd o dau': 'can-cuoc',
      'đổi gplx': 'doi-gplx',
      'ddawng kys tamj truS': 'tam-tru',
      'dang nhap dvc bang vneid': 'tai-khoan-dang-nhap-vneid',
      'tra cứu hồ sơ': 'ho-so-tra-cuu',
    };
    for (const [query, id] of Object.entries(cases)) {
      const result = engine.search(query, { lang: 'vi' });
      expect(result.decision, query).toBe('answer');
      expect(result.results[0]?.id, query).toBe(id);
    }
  });

  it('hands clearly off-domain questions off', () => {
    const offDomain = [
      'thời tiết hôm nay thế nào',
      'giá vàng hôm nay bao nhiêu',
      'kết quả bóng đá tối qua',
      'cách nấu phở bò',
      'làm thơ về mùa thu',
      'asdkjh qwe zxc',
      'weather in hanoi today',
      'xin chào',
      '',
    ];
    for (const query of offDomain) expect(engine.search(query, { lang: 'vi' }).decision, query).toBe('handoff');
  });

  it('suggests when a fragment fits several entries about equally', () => {
    const result = engine.search('khai sinh', { lang: 'vi' });
    expect(result.decision).toBe('suggest');
    expect(result.results.slice(0, 2).map((hit) => hit.id).sort()).toEqual(['khai-sinh', 'lien-thong-khai-sinh']);
  });

  it('still lists the candidates of a handoff', () => {
    const result = engine.search('thời tiết hôm nay thế nào', { lang: 'vi' });
    expect(result.decision).toBe('handoff');
    expect(result.results.length).toBeGreaterThan(0);
  });

  it('lets the threshold option override the answer threshold', () => {
    expect(engine.search('tra cứu hồ sơ', { lang: 'vi' }).decision).toBe('answer');
    expect(engine.search('tra cứu hồ sơ', { lang: 'vi', threshold: 0.99 }).decision).toBe('suggest');
    const strict = createEngine(artifact, { gate: { answer: 0.99 } });
    expect(strict.search('tra cứu hồ sơ', { lang: 'vi' }).decision).toBe('suggest');
  });
});

describe('results', () => {
  it('hold one hit per entry, best first, at most limit (default 5), scores in [0, 1]', () => {
    const result = engine.search('đăng ký', { lang: 'vi' });
    const ids = result.results.map((hit) => hit.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(5);
    const scores = result.results.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const score of scores) expect(score >= 0 && score <= 1).toBe(true);
    expect(engine.search('đăng ký', { lang: 'vi', limit: 2 }).results).toHaveLength(2);
    expect(result).toMatchObject({ query: 'đăng ký', mode: 'lexical' });
  });

  it('carry the entry topic, language and title', () => {
    const [hit] = engine.search('liên thông khai sinh bhyt', { lang: 'vi' }).results;
    expect(hit).toEqual({
      id: 'lien-thong-khai-sinh',
      topic: 'lien-thong-khai-sinh',
      lang: 'vi',
      title: 'Liên thông khai sinh, thường trú và thẻ BHYT cho trẻ dưới 6 tuổi',
      score: expect.any(Number),
    });
  });

  it('rank an accent-exact match above a match of the folded word only', () => {
    const accents = createEngine(
      artifactOf([entry('doi-ho-ten', ['Thay đổi họ cho con']), entry('doi-chu-ho', ['Thay đổi hộ cho con'])]),
    );
    const surname = accents.search('thay đổi họ cho con', { lang: 'vi' }).results;
    const household = accents.search('thay đổi hộ cho con', { lang: 'vi' }).results;
    const plain = accents.search('thay doi ho cho con', { lang: 'vi' }).results;
    expect(surname.map((hit) => hit.id)).toEqual(['doi-ho-ten', 'doi-chu-ho']);
    expect(household.map((hit) => hit.id)).toEqual(['doi-chu-ho', 'doi-ho-ten']);
    expect(surname[0]!.score).toBeGreaterThan(surname[1]!.score);
    expect(household[0]!.score).toBeGreaterThan(household[1]!.score);
    // Typed without accents, both entries match equally.
    expect(plain[0]!.score).toBe(plain[1]!.score);
  });
});

describe('languages', () => {
  const bilingual = artifactOf([
    entry('ho-chieu', ['làm hộ chiếu online', 'passport']),
    entry('ho-chieu', ['apply for a passport online'], { lang: 'en', title: 'Passport' }),
    entry('khai-sinh', ['đăng ký khai sinh cho con']),
  ]);

  it('prefers the requested language when both versions fit', () => {
    const both = createEngine(bilingual);
    expect(both.search('passport online', { lang: 'en' }).results[0]).toMatchObject({ id: 'ho-chieu', lang: 'en' });
    expect(both.search('passport', { lang: 'vi' }).results[0]).toMatchObject({ id: 'ho-chieu', lang: 'vi' });
  });

  it('answers in the other language when the question is clearly written in it', () => {
    expect(engine.search("how to register my baby's birth", { lang: 'vi' }).results[0]).toMatchObject({
      id: 'khai-sinh',
      lang: 'en',
    });
    expect(engine.search('mất căn cước công dân làm lại ở đâu', { lang: 'en' }).results[0]).toMatchObject({
      id: 'can-cuoc',
      lang: 'vi',
    });
    expect(engine.search('I lost my ID card', { lang: 'en' }).results[0]).toMatchObject({ id: 'can-cuoc', lang: 'en' });
  });

  it('shows an entry that exists in one language only, in that language', () => {
    const [hit] = createEngine(bilingual).search('đăng ký khai sinh cho con', { lang: 'en' }).results;
    expect(hit).toMatchObject({ id: 'khai-sinh', lang: 'vi' });
  });
});

describe('createEngine', () => {
  it('looks entries up by id and language', () => {
    expect(engine.entry('khai-sinh', 'en')?.title).toBe('Registering a birth online');
    expect(engine.entry('khai-sinh', 'vi')?.procedure).toBe('1.001193');
    expect(engine.entry('doi-gplx', 'en')).toBeUndefined();
    expect(engine.entry('khong-co', 'vi')).toBeUndefined();
  });

  it('describes itself', () => {
    expect(engine.info).toEqual({
      format: artifact.format,
      corpusHash: artifact.corpusHash,
      modelId: null,
      entries: 10,
      langs: ['vi', 'en'],
    });
  });

  it('accepts an embedder and stays lexical until dense search exists', async () => {
    let calls = 0;
    const embedder: Embedder = {
      id: 'test-embedder',
      embed: async (texts) => {
        calls++;
        return texts.map(() => new Float32Array(4));
      },
    };
    const withEmbedder = createEngine(artifact, { embedder });
    expect(withEmbedder.search('khai sinh', { lang: 'vi' }).mode).toBe('lexical');
    await Promise.resolve();
    expect(calls).toBe(0);
  });
});
