import { describe, expect, it } from 'vitest';
import { compileCorpus } from '../../../build/corpus/compile.js';
import { createEngine } from '../../../src/search/core/engine.js';
import { GATE_DEFAULTS } from '../../../src/search/core/gate.js';
import { OUT_OF_SCOPE, scopeEvidence } from '../../../src/search/core/scope.js';

/**
 * Questions about each out-of-scope subject family, written for this test (not taken from
 * the evaluation sets), with and without diacritics and in English where the family has
 * English terms. Each must be handed off by the engine over the real corpus.
 */
const FAMILY_QUESTIONS: Record<string, readonly string[]> = {
  weather: ['mai đà nẵng có mưa bão không', 'du bao thoi tiet cuoi tuan', 'weather forecast for saigon tomorrow'],
  prices: ['giá xăng tuần sau tăng hay giảm', 'ti gia yen nhat hom nay', 'bitcoin price now'],
  lottery: ['kết quả xổ số miền nam thứ bảy', 'soi cau lo de hom nay', 'vietlott jackpot tonight'],
  sport: ['lịch thi đấu đội tuyển việt nam', 'ty so tran bong da toi qua', 'premier league table'],
  cooking: ['cách nấu canh chua cá lóc', 'cong thuc lam banh bong lan', 'easy recipe for dinner'],
  health: ['bị ho khan lâu ngày uống thuốc gì', 'dau rang qua phai lam sao', 'headache and fever what medicine'],
  shopping: ['nên mua laptop nào cho sinh viên', 'ma giam gia shopee', 'which phone has the best camera'],
  travel: ['đặt phòng khách sạn ở sapa', 've may bay di phu quoc re', 'cheap hotels in hoi an'],
  entertainment: ['phim hay chiếu rạp tuần này', 'loi bai hat con mua ngang qua', 'good anime to watch'],
  love: ['làm sao để tỏ tình với bạn gái', 'that tinh buon qua', 'how to get a girlfriend'],
  insurance: ['bảo hiểm nhân thọ gói nào lợi', 'bao hiem o to loai nao tot', 'best life insurance plan'],
  banking: ['vay tín chấp lãi suất thấp', 'the tin dung ngan hang nao tot', 'credit card interest rate'],
  vehicles: ['xe honda vision có tốn xăng không', 'thay nhot xe bao lau mot lan', 'which car should i buy'],
  school: ['giải bài tập toán lớp 8', 'lam van ta con meo', 'help me with my math homework'],
  chat: ['kể một câu chuyện cười', 'xem boi tu vi nam nay', 'tell me a joke'],
  tech: ['học lập trình python ở đâu', 'wifi nha bi cham', 'javascript coding tutorial'],
  work: ['tìm việc part time cho sinh viên', 'lam sao de tang luong', 'average salary of a developer'],
  property: ['giá đất quận 9 bây giờ', 'co nen mua bat dong san luc nay', 'real estate prices'],
  calendar: ['hôm nay là ngày bao nhiêu âm lịch', 'thu may hom nay', 'lunar calendar today'],
  knowledge: ['dân số việt nam hiện nay', 'ai la nguoi phat minh ra dien thoai', 'capital of canada'],
  traffic: ['đường nguyễn trãi có kẹt xe không', 'tac duong o nga tu so', 'traffic jam near the airport'],
  lifestyle: ['cách trang điểm tự nhiên', 'nuoi meo can chuan bi gi', 'skincare routine for oily skin'],
  personal: ['xin số điện thoại riêng của trưởng công an phường', 'so rieng cua giam doc so', 'private number of the mayor'],
  tax: ['quyết toán thuế thu nhập cá nhân online', 'hoan thue tncn bao lau', 'income tax refund'],
  disputes: ['tranh chấp lối đi với hàng xóm', 'ly hon can giay to gi', 'how to file a divorce'],
  benefits: ['lương hưu tháng sau có tăng không', 'che do thai san duoc bao nhieu', 'pension increase this year'],
  military: ['bao giờ đến lượt nhập ngũ', 'di bo doi may nam'],
};

/** Corpus-style questions that share words with out-of-scope terms and must stay in scope. */
const IN_SCOPE = [
  'gia hạn bảo hiểm y tế hộ gia đình',
  'đăng ký xe máy mới ở đâu',
  'làm hộ chiếu để đi du lịch',
  'thuê nhà trọ có phải đăng ký tạm trú',
  'bao lâu thì có phiếu lý lịch tư pháp',
  'vneid gửi otp về số cũ',
  'trả phí bằng chuyển khoản ngân hàng',
  'bat dau tu dau khi lam thu tuc online',
  'lý do là gì mà hồ sơ bị trả',
];

describe('scopeEvidence', () => {
  it('covers every family of the lexicon', () => {
    expect(Object.keys(FAMILY_QUESTIONS).sort()).toEqual(Object.keys(OUT_OF_SCOPE).sort());
  });

  it('finds the subject of a question in every family, with or without diacritics', () => {
    for (const [family, questions] of Object.entries(FAMILY_QUESTIONS)) {
      for (const question of questions) {
        const evidence = scopeEvidence(question);
        expect(evidence.families, question).toContain(family);
        expect(evidence.share, question).toBeGreaterThanOrEqual(GATE_DEFAULTS.outOfScope!.share);
      }
    }
  });

  it('counts content words only: stopwords and numbers are left out, a term counts all its words', () => {
    expect(scopeEvidence('giá vàng').share).toBe(1);
    expect(scopeEvidence('cho tôi hỏi giá vàng 9999 ạ').share).toBe(1);
    expect(scopeEvidence('giá vàng hôm nay').share).toBe(1); // "hôm nay" frames the question
    expect(scopeEvidence('giá vàng ở hà nội').share).toBe(0.5);
    expect(scopeEvidence('').share).toBe(0);
    expect(scopeEvidence('đăng ký khai sinh').families).toEqual([]);
  });

  it('needs the accents of the term when the word is typed with accents', () => {
    expect(scopeEvidence('bao lâu thì có phiếu').families).toEqual([]);
    expect(scopeEvidence('gửi về số cũ').families).toEqual([]);
    expect(scopeEvidence('mua vé số').families).toEqual(['lottery']);
    expect(scopeEvidence('mua ve so').families).toEqual(['lottery']);
  });

  it('counts terms whose plain spelling reads in scope only when typed with accents', () => {
    expect(scopeEvidence('cổ phiếu ngân hàng').families).toEqual(['prices']);
    expect(scopeEvidence('co phieu ly lich tu phap chua').families).toEqual([]);
    expect(scopeEvidence('nên đầu tư vào đâu').families).toEqual(['banking']);
    expect(scopeEvidence('bat dau tu dau').families).toEqual([]);
  });

  it('leaves the words that frame a question out of the share, matched with their accents', () => {
    expect(scopeEvidence('bảo hiểm nhân thọ nào tốt nhất').share).toBe(0.5); // bảo hiểm | nhân thọ
    expect(scopeEvidence('thẻ bảo hiểm nhân thọ').share).toBeCloseTo(2 / 5, 10); // thẻ is a subject, thế would not be
  });

  it('leaves everyday words the corpus uses in its own sense alone', () => {
    for (const question of IN_SCOPE) expect(scopeEvidence(question).share, question).toBe(0);
  });
});

describe('the out-of-scope rule over the real corpus', async () => {
  const { artifact } = await compileCorpus('corpus');
  const engine = createEngine(artifact!);

  it('hands off a question of every subject family', () => {
    const answered: string[] = [];
    for (const questions of Object.values(FAMILY_QUESTIONS)) {
      for (const question of questions) {
        const { decision, results } = engine.searchLexical(question, { lang: 'vi' });
        if (decision !== 'handoff') answered.push(`${question} → ${decision} ${results[0]?.id}`);
      }
    }
    expect(answered).toEqual([]);
  });

  it('never fires on a corpus title or phrasing (none is a quarter out-of-scope terms)', () => {
    const flagged: string[] = [];
    for (const entry of artifact!.entries) {
      for (const text of [entry.title, ...entry.questions]) {
        if (scopeEvidence(text).share >= GATE_DEFAULTS.outOfScope!.share) flagged.push(`${entry.lang}/${entry.id}: ${text}`);
      }
    }
    expect(flagged).toEqual([]);
  });

  it('does not change the decision on in-scope questions that share words with the lexicon', () => {
    const withoutRule = createEngine(artifact!, { gate: { outOfScope: undefined } });
    for (const question of IN_SCOPE) {
      expect(engine.searchLexical(question, { lang: 'vi' }).decision, question).toBe(withoutRule.searchLexical(question, { lang: 'vi' }).decision);
    }
    expect(engine.searchLexical('đăng ký xe máy mới ở đâu', { lang: 'vi' }).decision).not.toBe('handoff');
  });
});
