import { describe, expect, it } from 'vitest';
import {
  ABBREVIATIONS,
  ABBREVIATION_PHRASES,
  expandAbbreviation,
  expandAbbreviationPhrase,
} from '../../../src/search/core/abbreviations.js';
import { analyse, analyserId } from '../../../src/search/core/analyse.js';
import { canonicalSyllable, foldSyllable, isAscii } from '../../../src/search/core/normalise.js';
import { ASCII_STOPWORDS, STOPWORDS, isStopword } from '../../../src/search/core/stopwords.js';

describe('abbreviations', () => {
  it('expands official abbreviations and chat shorthand', () => {
    expect(expandAbbreviation('cccd')).toBe('căn cước công dân');
    expect(expandAbbreviation('gplx')).toBe('giấy phép lái xe');
    expect(expandAbbreviation('bhyt')).toBe('bảo hiểm y tế');
    expect(expandAbbreviation('dvcqg')).toBe('dịch vụ công quốc gia');
    expect(expandAbbreviation('ubnd')).toBe('ủy ban nhân dân');
    expect(expandAbbreviation('ko')).toBe('không');
    expect(expandAbbreviation('dc')).toBe('được');
    expect(expandAbbreviation('ntn')).toBe('như thế nào');
    expect(expandAbbreviation('bn')).toBe('bao nhiêu');
    expect(expandAbbreviation('toString')).toBeUndefined();
    expect(expandAbbreviation('passport')).toBeUndefined();
  });

  it('reads a shorthand differently after certain words', () => {
    expect(expandAbbreviationPhrase('so', 'hk')).toBe('sổ hộ khẩu');
    expect(expandAbbreviationPhrase('quen', 'mk')).toBe('quên mật khẩu');
    expect(expandAbbreviationPhrase('co', 'hk')).toBeUndefined();
  });

  it('is frozen and keyed by folded search keys, so đc and dc are one key', () => {
    expect(Object.isFrozen(ABBREVIATIONS)).toBe(true);
    expect(Object.isFrozen(ABBREVIATION_PHRASES)).toBe(true);
    for (const key of Object.keys(ABBREVIATIONS)) expect(foldSyllable(key)).toBe(key);
    for (const key of Object.keys(ABBREVIATION_PHRASES)) {
      expect(key.split(' ').map(foldSyllable).join(' ')).toBe(key);
    }
  });
});

describe('stopwords', () => {
  const questionWords = ['gì', 'nào', 'đâu', 'bao', 'nhiêu', 'lâu', 'không', 'sao', 'mấy', 'ai', 'khi', 'thế', 'như', 'làm'];

  it('keeps question words, typed with or without accents', () => {
    for (const word of questionWords) {
      expect(isStopword(word), word).toBe(false);
      expect(isStopword(foldSyllable(word)), foldSyllable(word)).toBe(false);
    }
  });

  it('drops function words, and plain spellings only when every reading is one', () => {
    expect(isStopword('của')).toBe(true);
    expect(isStopword('cua')).toBe(false); // cửa, as in "một cửa"
    expect(isStopword('là')).toBe(true);
    expect(isStopword('la')).toBe(true);
    expect(isStopword('mà')).toBe(true);
    expect(isStopword('ma')).toBe(false); // mã hồ sơ
  });

  it('lists accented words with accents and plain words without', () => {
    for (const word of STOPWORDS) expect(isAscii(word), word).toBe(false);
    for (const word of ASCII_STOPWORDS) expect(isAscii(word), word).toBe(true);
    expect(Object.isFrozen(STOPWORDS)).toBe(true);
  });
});

describe('analyse', () => {
  it('expands abbreviations and keeps the abbreviation as an alias', () => {
    const analysis = analyse('Làm lại CCCD ở đâu?');
    expect(analysis.words).toEqual(['lam', 'lai', 'can', 'cuoc', 'cong', 'dan', 'dau']);
    expect(analysis.accents).toEqual(['làm', 'lại', 'căn', 'cước', 'công', 'dân', 'đâu']);
    expect(analysis.aliases).toEqual(['cccd']);
  });

  it('expands chat shorthand typed without accents', () => {
    expect(analyse('dk tam tru ntn').words).toEqual(['dang', 'ki', 'tam', 'tru', 'nhu', 'the', 'nao']);
    expect(analyse('ko co so hk thi sao').words).toEqual(['khong', 'co', 'so', 'ho', 'khau', 'thi', 'sao']);
  });

  it('drops stopwords but not question words', () => {
    expect(analyse('cho em hỏi lệ phí là bao nhiêu ạ').words).toEqual(['cho', 'le', 'phi', 'bao', 'nhieu']);
  });

  it('decodes Telex leftovers only into words the corpus knows', () => {
    const vocabulary = new Set(['dang', 'ki', 'khai', 'sinh']);
    expect(analyse('ddawng kys khai sinh', { vocabulary }).words).toEqual(['dang', 'ki', 'khai', 'sinh']);
    expect(analyse('ddawng kys khai sinh', { vocabulary }).accents.slice(0, 2)).toEqual(['đăng', canonicalSyllable('ký')]);
    // Without a vocabulary (corpus side), or when the decoding is unknown, tokens stay as typed.
    expect(analyse('ddawng kys').words).toEqual(['ddawng', 'kys']);
    expect(analyse('bus', { vocabulary }).words).toEqual(['bus']);
  });

  it('reads at most maxTokens tokens', () => {
    expect(analyse('một hai ba bốn năm', { maxTokens: 2 }).words).toEqual(['mot', 'hai']);
  });

  it('fingerprints its tables', () => {
    expect(analyserId()).toMatch(/^a\d+-[0-9a-f]{8}$/);
    expect(analyserId()).toBe(analyserId());
  });
});
