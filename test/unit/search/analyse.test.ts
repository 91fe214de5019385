import { describe, expect, it } from 'vitest';
import {
  ABBREVIATIONS,
  ABBREVIATION_PHRASES,
  expandAbbreviation,
  expandAbbreviationPhrase,
} from '../../../src/search/core/abbreviations.js';
import { ANALYSE_DEFAULTS, analyse, analyserId, hasEnglishKeywords, readsAsEnglish, type Lexicon } from '../../../src/search/core/analyse.js';
import { buildLexicalIndex, loadLexicalIndex } from '../../../src/search/core/lexical.js';
import {
  canonicalSyllable,
  confusableSpellings,
  decodeInputLeftovers,
  deletionKeys,
  foldDiacritics,
  foldSyllable,
  isAscii,
  syllables,
} from '../../../src/search/core/normalise.js';
import {
  ASCII_STOPWORDS,
  ENGLISH_STOPWORDS,
  STOPWORDS,
  isStopword,
} from '../../../src/search/core/stopwords.js';
import { entry } from './fixture.js';
import fc from 'fast-check';

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
    expect(expandAbbreviationPhrase('nhap', 'hk')).toBe('nhập hộ khẩu');
    expect(expandAbbreviationPhrase('mk', 'vneid')).toBe('mật khẩu vneid');
  });

  it('keeps the shorthand of a phrase as an alias, whichever of its two tokens it is', () => {
    expect(analyse('quên mk').aliases).toEqual(['mk']);
    expect(analyse('mk vneid quên rồi').words.slice(0, 3)).toEqual(['mat', 'khau', 'vneid']);
    expect(analyse('mk vneid quên rồi').aliases).toEqual(['mk']);
  });

  it('never makes a key of a spelling that is an ordinary word once folded', () => {
    // "ca" would swallow "cả", "bh" is both bảo hiểm and bây giờ, "tt" thanh toán and thủ tục.
    for (const key of ['ca', 'bh', 'tt', 'hong', 'nha']) expect(expandAbbreviation(key), key).toBeUndefined();
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

  it('drops the particles of chatty messages, which no phrasing needs', () => {
    expect(analyse('nộp rồi mà vẫn chưa thấy luôn').words).toEqual(['nop', 'chua', 'thay']);
  });

  it('drops English function words only from text that reads as English', () => {
    expect(isStopword('the', true)).toBe(true);
    expect(isStopword('the')).toBe(false); // thẻ
    expect(analyse('the bhyt het han').words).toContain('the');
    expect(analyse('how do I renew the card').words).toEqual(['renew', 'card']);
    for (const word of ENGLISH_STOPWORDS) expect(word, word).toMatch(/^[a-z]+$/);
  });

  it('keeps the particle of an English verb that changes its meaning ("sign in" is not "sign up")', () => {
    expect(analyse('how do I sign in to the portal').words).toEqual(['signin', 'portal']);
    expect(analyse('where do I sign up').words).toEqual(['where', 'signup']);
    expect(analyse('log in with vneid').words).toEqual(['login', 'vneid']);
    // Translated, the joined word is a keyword like any other.
    expect(analyse('how do I log in', { translate: true }).words).toEqual(['dang', 'nhap']);
    // Only in English text: Vietnamese "in" (print) and "log" are left alone.
    expect(analyse('in giấy khai sinh').words).toEqual(['in', 'giay', 'khai', 'sinh']);
  });
});

describe('analyse', () => {
  it('expands abbreviations and keeps the abbreviation as an alias', () => {
    const analysis = analyse('Mất CCCD ở đâu?');
    expect(analysis.words).toEqual(['mat', 'can', 'cuoc', 'cong', 'dan', 'dau']);
    expect(analysis.accents).toEqual(['mất', 'căn', 'cước', 'công', 'dân', 'đâu']);
    expect(analysis.aliases).toEqual(['cccd']);
  });

  it("reads a citizen's everyday words as the portal's, with the typed words kept as aliases", () => {
    const analysis = analyse('Làm lại CCCD ở đâu?');
    expect(analysis.words).toEqual(['cap', 'lai', 'can', 'cuoc', 'cong', 'dan', 'dau']);
    expect(analysis.aliases).toEqual(['lam', 'cccd']);
    expect(analyse('sao y bằng tốt nghiệp').words.slice(0, 4)).toEqual(['chung', 'thuc', 'ban', 'sao']);
    expect(analyse('nộp qua mạng').words).toEqual(analyse('nop online').words);
    expect(analyse('nộp trực tuyến').words).toEqual(analyse('nop onl').words);
    expect(analyse('nhập khẩu cho con').words).toEqual(['nhap', 'ho', 'khau', 'cho', 'con']);
    expect(analyse('đăng ký cưới').words).toEqual(['dang', 'ki', 'ket', 'hon']);
    // "kh" next to "đăng ký" stays không: "đăng ký kh được" is not about marriage.
    expect(analyse('dk kh dc').words).toEqual(['dang', 'ki', 'khong', 'duoc']);
  });

  it('reads "toi da" as tối đa, not as the stopword tôi', () => {
    expect(analyse('file toi da bao nhieu mb').words).toEqual(['file', 'toi', 'da', 'bao', 'nhieu', 'mb']);
    expect(analyse('toi muon hoi').words).toEqual(['muon']);
  });

  it('expands chat shorthand typed without accents', () => {
    expect(analyse('mk lm lai gks bnh tien oy').words).toEqual(['cap', 'lai', 'giay', 'khai', 'sinh', 'bao', 'nhieu', 'tien']);
    expect(analyse('vk ck').words).toEqual(['vo', 'ck']);
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

  it('tells English text from Vietnamese typed without accents', () => {
    const english = (text: string) => readsAsEnglish(syllables(text));
    expect(english('lost my ID card what should I do')).toBe(true);
    expect(english('criminal record certificate online')).toBe(true);
    expect(english('passport')).toBe(true);
    expect(english('the cccd bi mat lam lai o dau')).toBe(false); // "the" is thẻ
    expect(english('dang ky tam tru online')).toBe(false);
    expect(english('kiosk dịch vụ công ở times city')).toBe(false);
    expect(english('vneid')).toBe(false);
  });

  it('translates English keywords into the corpus words when asked, marking them as guesses', () => {
    const reading = analyse('how do I renew my passport', { translate: true });
    expect(reading.english).toBe(true);
    expect(reading.words).toEqual(['gia', 'han', 'ho', 'chieu']);
    expect(reading.guessed).toEqual([true, true, true, true]);
    expect(analyse('health insurance card', { translate: true }).words).toEqual(['bao', 'hiem', 'y', 'te', 'the']);
    // In Vietnamese text only keywords that cannot be Vietnamese are translated ("long" stays a word).
    expect(analyse('lam passport mat bao long', { translate: true }).words).toEqual(['lam', 'ho', 'chieu', 'mat', 'bao', 'long']);
    // Unknown English words stay as typed: their question keeps what the corpus cannot explain.
    expect(analyse('weather in hanoi today', { translate: true }).words).toEqual(['weather', 'ha', 'noi', 'hom', 'nay']);
    expect(hasEnglishKeywords('lam passport het bao nhieu')).toBe(true);
    expect(hasEnglishKeywords('dang ky tam tru online')).toBe(false);
  });

  it('fingerprints its tables', () => {
    expect(analyserId()).toMatch(/^a\d+-[0-9a-f]{8}$/);
    expect(analyserId()).toBe(analyserId());
  });
});

describe('analyse with the corpus lexicon', () => {
  const corpus = [
    entry('khai-sinh', ['Đăng ký khai sinh trực tuyến', 'làm giấy khai sinh cho con']),
    entry('tam-tru', ['Đăng ký tạm trú online', 'khai báo tạm trú cho người thuê trọ']),
    entry('thuong-tru', ['Đăng ký thường trú', 'nhập hộ khẩu cho con']),
    entry('dvc', ['cổng dịch vụ công quốc gia', 'đăng nhập dịch vụ công']),
    entry('kinh-doanh', ['đăng ký hộ kinh doanh online']),
  ];
  const lexicon: Lexicon = loadLexicalIndex(buildLexicalIndex(corpus), corpus).lexicon;
  const read = (text: string) => analyse(text, { lexicon });

  it('corrects a slip next to a word it stands with in some phrasing', () => {
    expect(read('khai sihn cho con').words).toEqual(['khai', 'sinh', 'cho', 'con']);
    expect(read('khai sihn cho con').guessed).toEqual([false, true, false, false]);
    expect(read('dang ky thuog tru').words).toEqual(['dang', 'ki', 'thuong', 'tru']);
    expect(read('dich vu cog').words).toEqual(['dich', 'vu', 'cong']);
  });

  it('corrects a known word into a confusable spelling only when that fits its neighbours', () => {
    expect(read('đăng ký tạm chú').words).toEqual(['dang', 'ki', 'tam', 'tru']);
    // "chủ" beside "nhà" is a word in its place: left alone.
    expect(read('chủ nhà').words).toEqual(['chu', 'nha']);
  });

  it('corrects a long word with a single candidate even without support, and leaves the rest as typed', () => {
    expect(read('kinh doanh onlinr').words).toEqual(['kinh', 'doanh', 'online']);
    expect(read('onlinr').words).toEqual(['online']);
    // Short unknown words without a neighbour to confirm them, English words, gibberish: as typed.
    for (const text of ['np', 'weather', 'asdfgh']) expect(read(text).words).toEqual([text]);
  });

  it("drops numbers and codes the corpus does not hold (the citizen's own dossier code or phone number)", () => {
    expect(read('tra cứu hồ sơ H01.99-260101-0001').words).toEqual(['tra', 'cuu', 'ho', 'so']);
    expect(read('0912345678').words).toEqual([]);
    // A number the corpus holds stays: "mức 2".
    const withNumber = [entry('vneid', ['kích hoạt VNeID mức 2'])];
    const known = loadLexicalIndex(buildLexicalIndex(withNumber), withNumber).lexicon;
    expect(analyse('vneid mức 2', { lexicon: known }).words).toEqual(['vneid', 'muc', '2']);
    // Without a lexicon (the corpus side) every token stays.
    expect(analyse('mẫu CT07').words).toEqual(['mau', 'ct07']);
  });

  it('splits a token typed without spaces into words that stand together in the corpus', () => {
    expect(read('dichvucong').words).toEqual(['dich', 'vu', 'cong']);
    expect(read('tamtru online').words).toEqual(['tam', 'tru', 'online']);
    expect(read('dichvucong').guessed).toEqual([true, true, true]);
    expect(read('xyzabc').words).toEqual(['xyzabc']);
  });

  it('glues a name spaced out after its first letter back together, and never ordinary words', () => {
    const names = [entry('ihanoi', ['tải ứng dụng iHanoi', 'Hà Nội có app gì']), entry('vneid', ['kích hoạt VNeID mức 2'])];
    const known = loadLexicalIndex(buildLexicalIndex(names), names).lexicon;
    const words = (text: string) => analyse(text, { lexicon: known }).words;
    expect(words('i hà nội là gì')).toEqual(['ihanoi', 'gi']);
    expect(analyse('i hà nội', { lexicon: known }).guessed).toEqual([true]);
    expect(words('v neid mức 2')).toEqual(['vneid', 'muc', '2']);
    // "hà nội" alone stays two words, and a lone letter before other words stays as typed.
    expect(words('hà nội có app gì')).toEqual(['ha', 'noi', 'co', 'app', 'gi']);
    expect(words('ý kiến')).toEqual(['y', 'kien']);
  });

  it('corrects a one-slip misspelling back to a corpus word that fits its neighbour (property, brute-force reference)', () => {
    const pairs = corpus
      .flatMap((item) => [item.title, ...item.questions])
      .flatMap((text) => {
        const words = analyse(text).words;
        return words.slice(1).map((word, i) => [words[i]!, word] as const);
      })
      .filter(([, word]) => /^[a-z]{3,}$/.test(word));
    const vocabulary = [...lexicon.vocabulary];
    const oneSlip = (a: string, b: string) => deletionKeys(a).some((key) => deletionKeys(b).includes(key));
    const slip = fc
      .tuple(fc.constantFrom(...pairs), fc.nat(), fc.constantFrom('delete', 'swap', 'replace'), fc.constantFrom(...'abcdeghiklmnopqrstuvxy'))
      .map(([[previous, word], at, kind, letter]) => {
        const i = at % word.length;
        const typed =
          kind === 'delete'
            ? word.slice(0, i) + word.slice(i + 1)
            : kind === 'swap' && i + 1 < word.length
              ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
              : word.slice(0, i) + letter + word.slice(i + 1);
        return { previous, word, typed: foldSyllable(typed) };
      })
      // Tokens that are Telex leftovers of a corpus word ("trus" = trú) are decoded instead,
      // and shorthand ("trc" = trước) is expanded.
      .filter(({ typed, word }) => {
        const decoded = decodeInputLeftovers(typed);
        const telex = (decoded !== null && lexicon.vocabulary.has(foldSyllable(decoded))) || expandAbbreviation(typed) !== undefined;
        // Folding may undo the slip ("giy" is written "gii"): keep only one-slip spellings.
        return typed !== word && typed.length >= 2 && !lexicon.known(typed) && !telex && oneSlip(word, typed);
      });
    fc.assert(
      fc.property(slip, ({ previous, word, typed }) => {
        const [, corrected] = read(`${previous} ${typed}`).words;
        // Reference: every vocabulary word one slip away that stands after `previous` somewhere.
        const fitting = vocabulary.filter((candidate) => oneSlip(candidate, typed) && lexicon.bigramFrequency(previous, candidate) > 0);
        expect(fitting).toContain(word);
        expect(fitting).toContain(corrected);
        if (fitting.length === 1) expect(corrected).toBe(word);
      }),
    );
  });

  it('replaces a word the corpus knows by nothing but a confusable spelling (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...[...lexicon.vocabulary]), { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(' ');
        const plain = analyse(text).words;
        const { words: read_, guessed } = read(text);
        expect(read_).toHaveLength(plain.length);
        read_.forEach((word, i) => {
          if (word !== plain[i]) {
            expect(guessed[i]).toBe(true);
            expect(confusableSpellings(plain[i]!)).toContain(word);
          }
        });
      }),
    );
  });

  it('reads Vietnamese typed with or without accents alike', () => {
    for (const text of ['đăng ký khai sinh trực tuyến', 'khai báo tạm trú cho người thuê trọ']) {
      expect(read(foldDiacritics(text)).words).toEqual(read(text).words);
    }
    expect(ANALYSE_DEFAULTS.minUnsupportedSlipLength).toBeGreaterThanOrEqual(4);
  });
});
