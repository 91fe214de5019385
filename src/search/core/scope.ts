import { canonicalSyllable, foldDiacritics, isAscii, syllables } from './normalise.js';
import { isEnglishStopword, isStopword } from './stopwords.js';

/**
 * What the assistant is *not* for: everyday subjects people bring to any chatbot that no
 * public-service FAQ answers (weather, prices, lottery, sport, recipes, health, shopping,
 * travel, entertainment, love, insurance products and loans, car advice, homework, poems
 * and jokes…), and a few in-domain-sounding matters that need a person, a court or a live
 * record (an official's private number, one's own tax code, disputes, pension payouts).
 *
 * Why a lexicon: the gate hands a question off when the corpus cannot explain its words,
 * which works while the off-domain words are unknown to the corpus ("giá vàng"). It fails
 * when they share words with it: "bảo hiểm nhân thọ" meets the health-insurance entries on
 * "bảo hiểm", "kết quả xổ số" meets "kết quả hồ sơ", "mua xe máy nào tốt" meets vehicle
 * registration. Naming the subject is what tells them apart, and subjects are a short,
 * stable list.
 *
 * Written from what people ask general chatbots, not from evaluation lines. Phrases are
 * matched on folded words (so with or without diacritics), longest first, and must stand
 * whole: one-syllable terms are listed only when their plain spelling has no
 * public-service reading ("vietlott", "bitcoin", "karaoke"); everything else is a phrase
 * ("bài thơ", not "thơ", which folds to the "thọ" of nhân thọ and the "thổ" of thổ cư).
 * Terms that the corpus uses in its own sense are left out on purpose: "xe máy" and "ô
 * tô" (vehicle registration), "du lịch" (passports are for travel), "thuê nhà" and "chung
 * cư" (residence), "bệnh viện" and "khám sức khỏe" (health insurance, driving licences),
 * "máy tính" and "điện thoại" (how to submit) and phone brands ("cài VNeID trên iPhone"),
 * "xuất khẩu lao động" (criminal records).
 * A unit test checks every corpus phrasing against the gate rule.
 */
export const OUT_OF_SCOPE: Readonly<Record<string, readonly string[]>> = Object.freeze({
  weather: [
    'thời tiết', 'dự báo', 'mưa bão', 'trời mưa', 'có mưa', 'nắng nóng', 'nhiệt độ', 'độ ẩm', 'bão số', 'áp thấp',
    'gió mùa', 'rét đậm', 'weather', 'forecast', 'temperature', 'raining', 'rain today',
  ],
  prices: [
    'giá vàng', 'vàng sjc', 'vàng miếng', 'vàng nhẫn', 'giá xăng', 'xăng dầu', 'giá dầu', 'giá điện', 'tỷ giá', 'tỉ giá',
    'ngoại tệ', 'chứng khoán', 'vn index', 'vnindex', 'bitcoin', 'tiền ảo', 'tiền điện tử',
    'crypto', 'giá cà phê', 'giá lúa', 'giá heo', 'giá lợn', 'giá rau', 'gold price', 'fuel price', 'petrol price',
    'exchange rate', 'stock market', 'stock price', 'stocks', 'usd', 'forex',
  ],
  lottery: [
    'xổ số', 'xsmb', 'xsmn', 'xsmt', 'xskt', 'vietlott', 'vé số', 'lô đề', 'số đề', 'đánh đề', 'soi cầu', 'lô tô',
    'jackpot', 'lottery', 'lotto', 'mega 6/45', 'power 6/55',
  ],
  sport: [
    'bóng đá', 'đá bóng', 'đá banh', 'tỷ số', 'tỉ số', 'trận đấu', 'lịch thi đấu', 'ngoại hạng', 'world cup', 'cúp c1',
    'champions league', 'v league', 'cầu thủ', 'đội tuyển', 'bóng chuyền', 'cầu lông', 'tennis', 'football', 'soccer',
    'match score', 'premier league', 'kết quả trận', 'ai thắng', 'đội nào', 'who won', 'golf', 'gym', 'tập gym', 'chạy bộ',
  ],
  cooking: [
    'nấu ăn', 'cách nấu', 'nấu món', 'món ăn', 'công thức nấu', 'phở bò', 'phở gà', 'bún chả', 'bún bò', 'bánh chưng',
    'làm bánh', 'kho cá', 'thịt kho', 'canh chua', 'pha chế', 'quán ăn', 'nhà hàng', 'ăn gì', 'recipe', 'recipes',
    'cook', 'cooking', 'restaurant', 'bake',
  ],
  health: [
    'đau đầu', 'đau bụng', 'đau răng', 'đau lưng', 'sốt cao', 'bị sốt', 'bị ho', 'ho khan', 'cảm cúm', 'bị cảm',
    'tiêu chảy', 'triệu chứng', 'uống thuốc', 'thuốc gì', 'thuốc nào', 'giảm cân', 'tăng cân', 'mất ngủ', 'huyết áp',
    'tiểu đường', 'mang thai', 'có bầu', 'bác sĩ nào', 'headache', 'fever', 'symptom', 'symptoms', 'medicine', 'cough',
    'lose weight', 'pregnant',
  ],
  shopping: [
    'mua sắm', 'điện thoại nào', 'laptop', 'tai nghe', 'tủ lạnh', 'máy giặt',
    'điều hòa', 'shopee', 'lazada', 'tiki', 'tiktok shop', 'giảm giá', 'khuyến mãi', 'mã giảm', 'voucher', 'freeship',
    'which phone',
  ],
  travel: [
    'khách sạn', 'đặt phòng', 'homestay', 'resort', 'vé máy bay', 'chuyến bay', 'vé tàu', 'vé xe', 'địa điểm du lịch',
    'chỗ chơi', 'đi chơi', 'đi phượt', 'phượt', 'tour du lịch', 'check in', 'hotel', 'hotels', 'flight', 'flights',
    'sightseeing', 'tourist attraction', 'beach',
  ],
  entertainment: [
    'xem phim', 'bộ phim', 'phim hay', 'phim gì', 'bài hát', 'lời bài hát', 'ca sĩ', 'diễn viên', 'karaoke', 'chơi game', 'game', 'liên quân',
    'truyện tranh', 'đọc truyện', 'netflix', 'youtube', 'tiktok', 'idol', 'kpop', 'concert', 'movie', 'movies', 
    'songs', 'lyrics', 'music', 'anime',
  ],
  love: [
    'người yêu', 'bạn gái', 'bạn trai', 'tỏ tình', 'thất tình', 'hẹn hò', 'tán gái', 'tán trai', 'crush', 'ngoại tình',
    'chia tay', 'cô đơn', 'thả thính', 'girlfriend', 'boyfriend', 'dating', 'date with', 'in love', 'love letter',
  ],
  insurance: [
    'nhân thọ', 'bảo hiểm ô tô', 'bảo hiểm xe', 'bảo hiểm du lịch', 'bảo hiểm sức khỏe', 'bảo hiểm nhà', 'prudential',
    'manulife', 'aia', 'dai ichi', 'life insurance', 'car insurance', 'travel insurance',
  ],
  banking: [
    'vay tiền', 'vay vốn', 'vay tín chấp', 'vay thế chấp', 'lãi suất', 'gửi tiết kiệm', 'thẻ tín dụng', 
    'ngân hàng nào', 'chuyển tiền quốc tế', 'trả góp', 'nợ xấu', 'loans', 'mortgage',
    'interest rate', 'credit card', 'invest', 'investment', 'savings account',
  ],
  vehicles: [
    'xe nào', 'thay nhớt', 'sửa xe', 'bảo dưỡng', 'rửa xe', 'lốp xe', 'săm xe', 'tốn xăng',
    'hao xăng', 'honda', 'yamaha', 'vinfast', 'toyota', 'học lái', 'dạy lái', 'trường lái', 'thi sát hạch', 'buy a car',
    'which car', 'car repair', 'oil change', 'driving school', 'driving lessons', 'driving lesson',
  ],
  school: [
    'bài tập', 'giải bài', 'giải toán', 'giải phương trình', 'phương trình', 'bài văn', 'làm văn', 'tập làm văn',
    'đạo hàm', 'tích phân', 'thi đại học', 'điểm thi', 'điểm chuẩn', 'học tiếng anh', 'dịch sang', 'ngữ pháp', 'homework',
    'essay', 'equation', 'math', 'maths', 'grammar', 'translate',
  ],
  chat: [
    'làm thơ', 'bài thơ', 'đọc thơ', 'câu đố', 'chuyện cười', 'truyện cười', 'kể chuyện', 'kể chuyện cười', 'hát cho',
    'hát một', 'tử vi', 'xem bói', 'phong thủy', 'cung hoàng đạo', 'ngày tốt', 'giờ đẹp', 'poem', 'poems', 'joke',
    'jokes', 'riddle', 'horoscope', 'tell me a story',
  ],
  tech: [
    'lập trình', 'python', 'javascript', 'java', 'html', 'cài win', 'cài windows', 'diệt virus', 'wifi',
    'mạng chậm', 'máy tính chậm', 'chatgpt', 'programming', 'coding', 'software',
  ],
  work: [
    'tìm việc', 'kiếm tiền', 'làm giàu', 'kinh doanh gì',
    'tăng lương', 'salary', 'hiring',
  ],
  property: ['giá đất', 'mua đất', 'bán đất', 'bán nhà', 'giá nhà', 'bất động sản', 'real estate'],
  calendar: ['âm lịch', 'ngày âm', 'thứ mấy', 'mấy giờ rồi', 'lunar calendar', 'what time is it'],
  knowledge: ['dân số', 'ai là người', 'capital of', 'population of', 'who invented', 'who is the'],
  traffic: ['kẹt xe', 'tắc đường', 'chỉ đường đi', 'google map', 'traffic jam', 'directions'],
  lifestyle: [
    'trang điểm', 'mỹ phẩm', 'son môi', 'dưỡng da', 'skincare', 'làm đẹp', 'thời trang', 'quần áo', 'giày dép',
    'nuôi chó', 'nuôi mèo', 'thú cưng', 'trồng cây', 'cây cảnh', 'makeup', 'fashion', 'pets', 'garden',
  ],
  // In-domain-sounding, but for a person, a court or a live record rather than an FAQ.
  personal: [
    'số điện thoại riêng', 'số riêng', 'nhà riêng', 'facebook cá nhân', 'private number', 'personal number',
    
  ],
  tax: [
    'mã số thuế cá nhân', 'thuế thu nhập', 'thu nhập cá nhân', 'quyết toán thuế', 'hoàn thuế', 'tax code', 'tax refund',
    'income tax',
  ],
  disputes: [
    'ly hôn', 'ly dị', 'tranh chấp', 'đền bù', 'bồi thường', 'giải phóng mặt bằng', 'khởi kiện', 'kiện tụng', 'thừa kế',
    'di chúc', 'chia tài sản', 'divorce', 'lawsuit', 'inheritance',
  ],
  benefits: [
    'lương hưu', 'nghỉ hưu', 'thai sản', 
    'pension', 
  ],
  military: ['đi bộ đội', 'nhập ngũ'],
});

/**
 * Words that frame a question rather than name its subject ("… nào tốt", "… bao nhiêu",
 * "… hôm nay", "mua …", "best …"): they say as little about public services as about
 * anything else, so the share of out-of-scope terms is taken over the other words. Matched
 * like terms: a word typed without accents by its folded spelling, one typed with accents
 * by its accents ("thẻ" is no "thế").
 */
export const ASK_WORDS: readonly string[] = Object.freeze([
  'có', 'không', 'ko', 'k', 'kg', 'được', 'dc', 'đc', 'cho', 'gì', 'j', 'nào', 'đâu', 'sao', 'bao', 'nhiêu', 'lâu',
  'mấy', 'thế', 'như', 'làm', 'hôm', 'nay', 'mai', 'qua', 'giờ', 'bây', 'tốt', 'nhất', 'hơn', 'nên', 'muốn', 'cần',
  'phải', 'cách', 'ai', 'khi', 'để', 'về', 'đi', 'xem', 'tìm', 'hay', 'mua', 'giá', 'rẻ', 'đắt', 'tháng', 'năm',
  'tuần', 'hiện', 'mới', 'ngày', 'tối', 'sáng', 'đêm', 'một', 'giùm', 'mình', 'biết', 'đang',
  'best', 'good', 'which', 'where', 'cheap', 'buy', 'find', 'today', 'tomorrow', 'tonight', 'now', 'price', 'prices',
  'near', 'recommend', 'should', 'much', 'many', 'long', 'top',
]);

/** How much of a question is about out-of-scope subjects. */
export interface ScopeEvidence {
  /**
   * Share of the question's subject words inside out-of-scope terms, in [0, 1]: words in
   * terms over those plus the other words that are no stopword, number or {@link ASK_WORDS}.
   */
  share: number;
  /** The subject families met, in order of first appearance. */
  families: string[];

}

const ASK = new Set(ASK_WORDS.map(canonicalSyllable));
const ASK_FOLDED = new Set(ASK_WORDS.map((word) => foldDiacritics(word)));

function isAskWord(token: string): boolean {
  return isAscii(token) ? ASK_FOLDED.has(token) : ASK.has(canonicalSyllable(token));
}

/** Longest term, in words; the matcher tries lengths from here down. */
const MAX_TERM_WORDS = 5;

/**
 * Terms whose plain spelling has a common in-scope reading ("co phieu" is also "có phiếu",
 * "dau tu" the "đầu từ" of "bắt đầu từ", "do la" "do là"): they count only when typed with
 * their accents.
 */
export const OUT_OF_SCOPE_ACCENTED: Readonly<Record<string, readonly string[]>> = Object.freeze({
  prices: ['cổ phiếu', 'đô la', 'giá đô'],
  banking: ['đầu tư'],
});

interface Term {
  family: string;
  /** Whether the term counts only when typed with its accents. */
  accented: boolean;
  /** Canonical accented form of each word, compared with words typed with accents. */
  words: readonly string[];
}

/** Folded term → the terms with that spelling (several accented terms may fold alike). */
const TERMS: ReadonlyMap<string, readonly Term[]> = (() => {
  const terms = new Map<string, Term[]>();
  const add = (lexicon: Readonly<Record<string, readonly string[]>>, accented: boolean): void => {
    for (const [family, list] of Object.entries(lexicon)) {
      for (const text of list) {
        const words = syllables(text);
        const key = words.map((word) => foldDiacritics(word)).join(' ');
        terms.set(key, [...(terms.get(key) ?? []), { family, accented, words: words.map(canonicalSyllable) }]);
      }
    }
  };
  add(OUT_OF_SCOPE, false);
  add(OUT_OF_SCOPE_ACCENTED, true);
  return terms;
})();

/**
 * Out-of-scope evidence of a question: its content words (not stopwords, not numbers or
 * codes), matched against {@link OUT_OF_SCOPE}, longest terms first. A word typed without
 * accents matches on its folded spelling; a word typed with accents must have the term's
 * ("có phiếu" is no "cổ phiếu", "về số" no "vé số").
 *
 * @example scopeEvidence('giá vàng sjc hôm nay').share // → 0.5 (giá vàng of giá vàng sjc hôm nay)
 */
export function scopeEvidence(text: string): ScopeEvidence {
  const tokens = syllables(text);
  const folded = tokens.map((token) => foldDiacritics(token));
  const inTerm = new Array<boolean>(tokens.length).fill(false);
  const families: string[] = [];
  for (let i = 0; i < folded.length; ) {
    let length = Math.min(MAX_TERM_WORDS, folded.length - i);
    for (; length > 0; length--) {
      const term = TERMS.get(folded.slice(i, i + length).join(' '))?.find((candidate) =>
        candidate.words.every((word, k) => {
          const token = tokens[i + k]!;
          return isAscii(token) ? !candidate.accented || foldDiacritics(word) === word : canonicalSyllable(token) === word;
        }),
      );
      if (term === undefined) continue;
      inTerm.fill(true, i, i + length);
      if (!families.includes(term.family)) families.push(term.family);
      break;
    }
    i += Math.max(length, 1);
  }
  let content = 0;
  let outside = 0;
  tokens.forEach((token, i) => {
    if (!inTerm[i] && (isStopword(token) || isEnglishStopword(token) || /\d/.test(token) || isAskWord(token))) return;
    content++;
    if (inTerm[i]) outside++;
  });
  return { share: content === 0 ? 0 : outside / content, families };
}

/**
 * Words that name what a question asks about a subject rather than the subject: its cost
 * ("bao nhiêu tiền", "lệ phí", "hết mấy"), its duration ("mất mấy ngày", "bao lâu") and the
 * generic "thủ tục". Two entries that both explain such a word explain the same ask of two
 * different subjects, so {@link subjectWords} leaves them out with {@link ASK_WORDS}.
 */
export const GENERIC_ASK_WORDS: readonly string[] = Object.freeze([
  'tiền', 'hết', 'mất', 'tốn', 'phí', 'lệ', 'thủ', 'tục', 'ngày', 'lâu',
  'how', 'much', 'long', 'cost', 'costs', 'fee', 'fees', 'take', 'takes', 'days',
]);

const GENERIC = new Set(GENERIC_ASK_WORDS.map(canonicalSyllable));
const GENERIC_FOLDED = new Set(GENERIC_ASK_WORDS.map((word) => foldDiacritics(word)));

/**
 * The subject words of a question, folded (no diacritics): its words that are no
 * stopword, number, {@link ASK_WORDS} or {@link GENERIC_ASK_WORDS}, in order, without
 * repeats. "làm hộ chiếu bao nhiêu tiền" → ["ho", "chieu"].
 *
 * @example subjectWords('lam ho chieu het bao nhieu tien') // → ['ho', 'chieu']
 */
export function subjectWords(text: string): string[] {
  const words: string[] = [];
  for (const token of syllables(text)) {
    if (isStopword(token) || isEnglishStopword(token) || /\d/.test(token) || isAskWord(token)) continue;
    if (isAscii(token) ? GENERIC_FOLDED.has(token) : GENERIC.has(canonicalSyllable(token))) continue;
    const folded = foldDiacritics(token);
    if (!words.includes(folded)) words.push(folded);
  }
  return words;
}

/**
 * Share of `subject` (from {@link subjectWords}) found in `vocabulary` (folded words of an
 * entry's title, phrasings and tags), each word weighted by `weight` (the engine gives
 * rare words more: "chieu" names a subject, "xong" or "nha" hardly do); 0 for a question
 * without subject words.
 *
 * @example subjectShare(['ho', 'chieu'], new Set(['ho', 'chieu', 'cap'])) // → 1
 */
export function subjectShare(
  subject: readonly string[],
  vocabulary: ReadonlySet<string>,
  weight: (word: string) => number = () => 1,
): number {
  let total = 0;
  let found = 0;
  for (const word of subject) {
    const w = weight(word);
    total += w;
    if (vocabulary.has(word)) found += w;
  }
  return total > 0 ? found / total : 0;
}

/** Folded words of a text, for {@link subjectShare}'s vocabulary. */
export function foldedWords(text: string): string[] {
  return syllables(text).map((token) => foldDiacritics(token));
}
