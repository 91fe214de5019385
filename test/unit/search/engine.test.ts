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
    const result = engine.searchLexical('Đăng ký tạm trú online như thế nào?', { lang: 'vi' });
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
      const result = engine.searchLexical(query, { lang: 'vi' });
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
    for (const query of offDomain) expect(engine.searchLexical(query, { lang: 'vi' }).decision, query).toBe('handoff');
  });

  it('suggests when a fragment fits another topic within the lead', () => {
    // "thẻ BHYT" is what both the health-insurance entry and the linked birth group give:
    // the second comes within 89 % of the first, inside a lead of 85 %.
    const cautious = createEngine(artifact, { gate: { lead: 0.85 } });
    const result = cautious.searchLexical('thẻ bhyt', { lang: 'vi' });
    expect(result.decision).toBe('suggest');
    expect(result.results.slice(0, 2).map((hit) => hit.id).sort()).toEqual(['bhyt-gia-han', 'lien-thong-khai-sinh']);
  });

  it('still lists the candidates of a handoff', () => {
    const result = engine.searchLexical('thời tiết hôm nay thế nào', { lang: 'vi' });
    expect(result.decision).toBe('handoff');
    expect(result.results.length).toBeGreaterThan(0);
  });

  it('lets the threshold option override the answer threshold', () => {
    expect(engine.searchLexical('tra cứu hồ sơ', { lang: 'vi' }).decision).toBe('answer');
    expect(engine.searchLexical('tra cứu hồ sơ', { lang: 'vi', threshold: 0.99 }).decision).toBe('suggest');
    const strict = createEngine(artifact, { gate: { answer: 0.99 } });
    expect(strict.searchLexical('tra cứu hồ sơ', { lang: 'vi' }).decision).toBe('suggest');
  });
});

describe('noisy questions', () => {
  it('tolerates typing slips, confusable spellings and words typed without spaces', () => {
    const cases = {
      'khai sihn cho con': 'khai-sinh',
      'đăng ký tạm chú online': 'tam-tru',
      'dang nhap dichvucong bang vneid': 'tai-khoan-dang-nhap-vneid',
      'tra cuu ho so bang max': 'ho-so-tra-cuu',
    };
    for (const [query, id] of Object.entries(cases)) {
      expect(engine.searchLexical(query, { lang: 'vi' }).results[0]?.id, query).toBe(id);
    }
  });

  it('reaches Vietnamese entries from English questions when no English version exists', () => {
    const [hit] = engine.searchLexical('how do I renew my driving licence online', { lang: 'vi' }).results;
    expect(hit).toMatchObject({ id: 'doi-gplx', lang: 'vi' });
    expect(engine.searchLexical('health insurance for my household', { lang: 'en' }).results[0]).toMatchObject({ id: 'bhyt-gia-han' });
  });

  it('answers when the runners-up belong to the first entry\'s topic, and suggests when another topic is close', () => {
    const topics = createEngine(
      artifactOf([
        entry('ly-lich-tu-phap', ['xin phiếu lý lịch tư pháp online']),
        entry('ly-lich-tu-phap-le-phi', ['lệ phí phiếu lý lịch tư pháp'], { topic: 'ly-lich-tu-phap' }),
        entry('ly-lich-tu-phap-cho-con', ['xin lý lịch tư pháp cho con'], { topic: 'ly-lich-tu-phap' }),
        entry('khai-sinh', ['đăng ký khai sinh online']),
      ]),
    );
    const siblings = topics.searchLexical('xin phiếu lý lịch tư pháp', { lang: 'vi' });
    expect(siblings.results.slice(0, 3).every((hit) => hit.topic === 'ly-lich-tu-phap')).toBe(true);
    expect(siblings.decision).toBe('answer');
    const rivals = createEngine(
      artifactOf([entry('ly-lich-tu-phap', ['xin phiếu lý lịch tư pháp online']), entry('lltp-khac', ['phiếu lý lịch tư pháp online'])]),
    );
    expect(rivals.searchLexical('xin phiếu lý lịch tư pháp', { lang: 'vi' }).decision).toBe('suggest');
  });
});

describe('results', () => {
  it('hold one hit per entry, best first, at most limit (default 5), scores in [0, 1]', () => {
    const result = engine.searchLexical('đăng ký', { lang: 'vi' });
    const ids = result.results.map((hit) => hit.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(5);
    const scores = result.results.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const score of scores) expect(score >= 0 && score <= 1).toBe(true);
    expect(engine.searchLexical('đăng ký', { lang: 'vi', limit: 2 }).results).toHaveLength(2);
    expect(result).toMatchObject({ query: 'đăng ký', mode: 'lexical' });
  });

  it('carry the entry topic, language and title', () => {
    const [hit] = engine.searchLexical('liên thông khai sinh bhyt', { lang: 'vi' }).results;
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
    const surname = accents.searchLexical('thay đổi họ cho con', { lang: 'vi' }).results;
    const household = accents.searchLexical('thay đổi hộ cho con', { lang: 'vi' }).results;
    const plain = accents.searchLexical('thay doi ho cho con', { lang: 'vi' }).results;
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
    expect(both.searchLexical('passport online', { lang: 'en' }).results[0]).toMatchObject({ id: 'ho-chieu', lang: 'en' });
    expect(both.searchLexical('passport', { lang: 'vi' }).results[0]).toMatchObject({ id: 'ho-chieu', lang: 'vi' });
  });

  it('answers in the other language when the question is clearly written in it', () => {
    expect(engine.searchLexical("how to register my baby's birth", { lang: 'vi' }).results[0]).toMatchObject({
      id: 'khai-sinh',
      lang: 'en',
    });
    expect(engine.searchLexical('mất căn cước công dân làm lại ở đâu', { lang: 'en' }).results[0]).toMatchObject({
      id: 'can-cuoc',
      lang: 'vi',
    });
    expect(engine.searchLexical('I lost my ID card', { lang: 'en' }).results[0]).toMatchObject({ id: 'can-cuoc', lang: 'en' });
  });

  it('answers an English question in the Vietnamese widget with the English entry, even when the Vietnamese one matches it better', () => {
    const residence = createEngine(
      artifactOf([
        // Vietnamese entries carry English phrasings too, so they often match English questions best.
        entry('tam-tru', ['đăng ký tạm trú online', 'how to register temporary residence online']),
        entry('tam-tru', ['Registering where you stay', 'renters must declare their stay'], { lang: 'en', title: 'Temporary residence' }),
        entry('khai-sinh', ['đăng ký khai sinh cho con']),
      ]),
    );
    const english = residence.searchLexical('how to register temporary residence online', { lang: 'vi' });
    expect(english.results[0]).toMatchObject({ id: 'tam-tru', lang: 'en' });
    expect(english.decision).toBe('answer');
    // The same words in a Vietnamese question stay with the Vietnamese entry.
    expect(residence.searchLexical('đăng ký tạm trú online', { lang: 'vi' }).results[0]).toMatchObject({ id: 'tam-tru', lang: 'vi' });
  });

  it('still finds the Vietnamese entry for an English question on a topic with no English entry', () => {
    const engineWithout = createEngine(bilingual);
    const result = engineWithout.searchLexical('how do I register the birth of my child', { lang: 'vi' });
    expect(result.results[0]).toMatchObject({ id: 'khai-sinh', lang: 'vi' });
    expect(result.decision).not.toBe('handoff');
    // An English entry elsewhere in the corpus does not pull the answer to another topic.
    expect(engineWithout.searchLexical('how do I register the birth of my child', { lang: 'en' }).results[0]).toMatchObject({
      id: 'khai-sinh',
      lang: 'vi',
    });
  });

  it('shows an entry that exists in one language only, in that language', () => {
    const [hit] = createEngine(bilingual).searchLexical('đăng ký khai sinh cho con', { lang: 'en' }).results;
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

  it('answers through the async search exactly as the lexical path when no model is attached', async () => {
    const queries = ['lam lai cccd o dau', 'khai sinh', 'thời tiết hôm nay thế nào', 'I lost my ID card', ''];
    for (const query of queries) expect(await engine.search(query, { lang: 'vi' })).toEqual(engine.searchLexical(query, { lang: 'vi' }));
    expect(engine.mode).toBe('lexical');
  });

  it('ignores an embedder when the corpus has no vectors of its model, and never calls it', async () => {
    let calls = 0;
    const embedder: Embedder = {
      id: 'test-embedder',
      embed: async (texts) => {
        calls++;
        return texts.map(() => new Float32Array(4));
      },
    };
    const withEmbedder = createEngine(artifact, { embedder });
    expect(withEmbedder.mode).toBe('lexical');
    expect(withEmbedder.setEmbedder(embedder)).toBe('lexical');
    expect((await withEmbedder.search('khai sinh', { lang: 'vi' })).mode).toBe('lexical');
    expect(calls).toBe(0);
  });
});

describe('the subject lead', () => {
  const fees = artifactOf([
    entry('ly-lich-tu-phap-le-phi', ['lý lịch tư pháp hết bao nhiêu tiền', 'lệ phí phiếu lý lịch tư pháp bao nhiêu tiền'], { topic: 'ly-lich-tu-phap' }),
    entry('ho-chieu', ['cấp hộ chiếu phổ thông ở đâu', 'hộ chiếu bị mất thì làm lại']),
    entry('khai-sinh', ['đăng ký khai sinh online']),
  ]);

  it('gives the first candidate and its rival the share of the subject their texts name', () => {
    const candidates = createEngine(fees).gateCandidates('làm hộ chiếu hết bao nhiêu tiền', { lang: 'vi' });
    const byTopic = new Map(candidates.map((candidate) => [candidate.topic, candidate.subject]));
    expect(byTopic.get('ho-chieu')).toBe(1);
    expect(byTopic.get('ly-lich-tu-phap')).toBe(0);
  });

  it('keeps a fee entry of another procedure from being the answer on the cost words alone', () => {
    const withRule = createEngine(fees).searchLexical('làm hộ chiếu hết bao nhiêu tiền', { lang: 'vi' });
    const withoutRule = createEngine(fees, { gate: { subjectLead: undefined } }).searchLexical('làm hộ chiếu hết bao nhiêu tiền', { lang: 'vi' });
    expect(withoutRule.results[0]?.topic).toBe('ly-lich-tu-phap');
    expect(withoutRule.decision).toBe('answer');
    expect(withRule.decision).toBe('suggest');
    expect(withRule.results.slice(0, 3).map((hit) => hit.topic)).toContain('ho-chieu');
  });
});
