import { describe, expect, it } from 'vitest';
import {
  bigrams,
  canonicalSyllable,
  confusableSpellings,
  decodeInputLeftovers,
  deletionKeys,
  foldDiacritics,
  foldSyllable,
  isVietnameseSyllable,
  normalise,
  syllables,
} from '../../../src/search/core/normalise.js';

describe('foldDiacritics', () => {
  it('removes tones and vowel marks and writes đ as d, keeping case', () => {
    expect(foldDiacritics('Đăng ký tạm trú')).toBe('Dang ky tam tru');
    expect(foldDiacritics('ƯỚC ĐOÁN người ở')).toBe('UOC DOAN nguoi o');
  });

  it('treats decomposed (NFD) input like composed input', () => {
    const decomposed = 'Đăng ký khai sinh'.normalize('NFD');
    expect(decomposed).not.toBe('Đăng ký khai sinh');
    expect(foldDiacritics(decomposed)).toBe('Dang ky khai sinh');
  });

  it('maps the eth look-alike of đ', () => {
    expect(foldDiacritics('Ðăng ðc')).toBe('Dang dc');
  });
});

describe('normalise and syllables', () => {
  it('lowercases in NFC and splits on anything that is not a letter or digit', () => {
    expect(normalise('ĐĂNG Ky\u0301')).toBe('đăng ký');
    expect(syllables('Làm lại CCCD ở đâu?')).toEqual(['làm', 'lại', 'cccd', 'ở', 'đâu']);
    expect(syllables('GPLX hạng A1, mã 1.004194 — VNeID')).toEqual(['gplx', 'hạng', 'a1', 'mã', '1', '004194', 'vneid']);
  });

  it('returns no token for punctuation or whitespace only', () => {
    expect(syllables(' ?!… \n')).toEqual([]);
  });

  it('pairs neighbouring tokens into bigrams', () => {
    expect(bigrams(['dang', 'ky', 'tam', 'tru'])).toEqual(['dang_ky', 'ky_tam', 'tam_tru']);
    expect(bigrams(['mot'])).toEqual([]);
  });
});

describe('canonicalSyllable', () => {
  it('writes old and new tone placement the same way', () => {
    expect(canonicalSyllable('hoà')).toBe(canonicalSyllable('hòa'));
    expect(canonicalSyllable('thuỷ')).toBe(canonicalSyllable('thủy'));
    expect(canonicalSyllable('khoẻ')).toBe(canonicalSyllable('khỏe'));
  });

  it('keeps the tone on the marked vowel and after a final consonant', () => {
    expect(canonicalSyllable('người')).toBe('người');
    expect(canonicalSyllable('hoàng')).toBe('hoàng');
    expect(canonicalSyllable('quốc')).toBe('quốc');
    expect(canonicalSyllable('giữa')).toBe('giữa');
  });

  it('writes a lone y after a consonant as i, the two spellings citizens use', () => {
    expect(canonicalSyllable('ký')).toBe('kí');
    expect(canonicalSyllable('lý')).toBe('lí');
    expect(canonicalSyllable('ý')).toBe('ý');
    expect(canonicalSyllable('tuyến')).toBe('tuyến');
  });

  it('leaves tokens that are not Vietnamese syllables alone', () => {
    expect(canonicalSyllable('online')).toBe('online');
    expect(canonicalSyllable('vneid')).toBe('vneid');
    expect(canonicalSyllable('2025')).toBe('2025');
  });

  it('gives the folded search key through foldSyllable', () => {
    expect(foldSyllable('Ký')).toBe('ki');
    expect(foldSyllable('ĐĂNG')).toBe('dang');
    expect(foldSyllable('hoà')).toBe(foldSyllable('hòa'));
  });
});

describe('decodeInputLeftovers', () => {
  it('decodes Telex leftovers', () => {
    expect(decodeInputLeftovers('ddawng')).toBe('đăng');
    expect(decodeInputLeftovers('kys')).toBe(canonicalSyllable('ký'));
    expect(decodeInputLeftovers('dde')).toBe('đe');
    expect(decodeInputLeftovers('cuwowcs')).toBe('cước');
    expect(decodeInputLeftovers('truwowngf')).toBe('trường');
    expect(decodeInputLeftovers('nguyeenx')).toBe('nguyễn');
    expect(decodeInputLeftovers('vieejt')).toBe('việt');
  });

  it('decodes VNI leftovers', () => {
    expect(decodeInputLeftovers('vie65t')).toBe('việt');
    expect(decodeInputLeftovers('d9a8ng')).toBe('đăng');
    expect(decodeInputLeftovers('tru1')).toBe('trú');
  });

  it('refuses what is not a well-formed syllable or needs no decoding', () => {
    expect(decodeInputLeftovers('book')).toBeNull(); // ôk: k is no final
    expect(decodeInputLeftovers('free')).toBeNull(); // f is no onset
    expect(decodeInputLeftovers('khai')).toBeNull(); // nothing to decode
    expect(decodeInputLeftovers('tacf')).toBeNull(); // a closed syllable cannot take huyền
    expect(decodeInputLeftovers('2025')).toBeNull();
    expect(decodeInputLeftovers('đăng')).toBeNull(); // not ASCII
  });
});

describe('isVietnameseSyllable', () => {
  it('accepts syllables typed with or without accents and refuses English words', () => {
    for (const word of ['dang', 'đăng', 'nguyen', 'khuya', 'the', 'can', 'my', 'to']) expect(isVietnameseSyllable(word), word).toBe(true);
    for (const word of ['how', 'what', 'is', 'for', 'passport', 'register', 'vneid', '2025']) {
      expect(isVietnameseSyllable(word), word).toBe(false);
    }
  });
});

describe('typing slips', () => {
  it('gives the one-deletion keys of a word, the word first', () => {
    expect(deletionKeys('ban')).toEqual(['ban', 'an', 'bn', 'ba']);
    expect(deletionKeys('aa')).toEqual(['aa', 'a']);
  });

  it('lets two words one slip apart share a key (missing, extra, replaced or swapped letter)', () => {
    const share = (a: string, b: string) => deletionKeys(a).some((key) => deletionKeys(b).includes(key));
    expect(share('sihn', 'sinh')).toBe(true); // swapped
    expect(share('thuog', 'thuong')).toBe(true); // missing
    expect(share('onlinr', 'online')).toBe(true); // replaced
    expect(share('khaii', 'khai')).toBe(true); // extra
    expect(share('khai', 'sinh')).toBe(false);
  });

  it('offers the confusable spellings of Vietnamese initials and finals', () => {
    expect(confusableSpellings('chu')).toContain('tru');
    expect(confusableSpellings('xung')).toContain('sung');
    expect(confusableSpellings('fan')).toContain('phan');
    expect(confusableSpellings('pham')).toContain('phan');
    expect(confusableSpellings('hang')).toContain('han');
    expect(confusableSpellings('khai')).not.toContain('khai');
  });
});
