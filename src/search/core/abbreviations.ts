/**
 * Citizen shorthand and official abbreviations, expanded to their full words on both
 * sides of the search (query and corpus), so "lam lai cccd" meets "làm lại căn cước
 * công dân". Content, not code: edit freely, then rebuild the corpus (the compiled index
 * records a fingerprint of these tables and the engine refuses an index built with others).
 *
 * Keys are folded (no accents, lowercase), so `đc` and `dc` are one key. A key expands to
 * exactly one reading: where one spelling has two meanings the more frequent one in
 * questions about public services wins (`hk` → không, as in "hk biết"; `hs` → hồ sơ),
 * and {@link ABBREVIATION_PHRASES} fixes the common two-word exceptions ("sổ hk",
 * "quên mk"). Spellings that are also ordinary words once folded are never keys ("ca"
 * would swallow "cả", "bh" is both bảo hiểm and bây giờ). English words are in
 * {@link ENGLISH_KEYWORDS}, read only when a question is written in English or mixes
 * English keywords in.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  // Identity documents and accounts
  cccd: 'căn cước công dân',
  cmnd: 'chứng minh nhân dân',
  cmt: 'chứng minh thư',
  ddcn: 'định danh cá nhân',
  dddt: 'định danh điện tử',
  tk: 'tài khoản',
  vnid: 'vneid',
  sdt: 'số điện thoại',
  dt: 'điện thoại',
  mst: 'mã số thuế',
  pass: 'mật khẩu',
  // Procedures and papers
  hs: 'hồ sơ',
  gks: 'giấy khai sinh',
  gcs: 'giấy chứng sinh',
  gplx: 'giấy phép lái xe',
  blx: 'bằng lái xe',
  bhyt: 'bảo hiểm y tế',
  bhxh: 'bảo hiểm xã hội',
  bhtn: 'bảo hiểm thất nghiệp',
  lltp: 'lý lịch tư pháp',
  tthc: 'thủ tục hành chính',
  dk: 'đăng ký',
  dki: 'đăng ký',
  dky: 'đăng ký',
  dkdn: 'đăng ký doanh nghiệp',
  tnhh: 'trách nhiệm hữu hạn',
  hgd: 'hộ gia đình',
  nvqs: 'nghĩa vụ quân sự',
  tncn: 'thu nhập cá nhân',
  dkkd: 'đăng ký kinh doanh',
  dkkh: 'đăng ký kết hôn',
  dkks: 'đăng ký khai sinh',
  gpkd: 'giấy phép kinh doanh',
  kd: 'kinh doanh',
  hkd: 'hộ kinh doanh',
  dn: 'doanh nghiệp',
  cty: 'công ty',
  qsdd: 'quyền sử dụng đất',
  gcn: 'giấy chứng nhận',
  gxn: 'giấy xác nhận',
  gpxd: 'giấy phép xây dựng',
  tthn: 'tình trạng hôn nhân',
  xnttn: 'xác nhận tình trạng hôn nhân',
  xnthn: 'xác nhận tình trạng hôn nhân',
  xkld: 'xuất khẩu lao động',
  csdl: 'cơ sở dữ liệu',
  csgt: 'cảnh sát giao thông',
  // Agencies and portals
  dv: 'dịch vụ',
  dvc: 'dịch vụ công',
  dvcqg: 'dịch vụ công quốc gia',
  dvctt: 'dịch vụ công trực tuyến',
  ubnd: 'ủy ban nhân dân',
  ub: 'ủy ban',
  bca: 'bộ công an',
  btp: 'bộ tư pháp',
  hdnd: 'hội đồng nhân dân',
  cb: 'cán bộ',
  cq: 'cơ quan',
  ttpvhcc: 'trung tâm phục vụ hành chính công',
  ttphvhc: 'trung tâm phục vụ hành chính công',
  pvhcc: 'phục vụ hành chính công',
  phvhc: 'phục vụ hành chính công',
  hcc: 'hành chính công',
  tp: 'thành phố',
  hn: 'hà nội',
  hcm: 'hồ chí minh',
  tphcm: 'thành phố hồ chí minh',
  // Channels: one spelling for each idea, so "onl", "online" and "trực tuyến" meet (the
  // phrases read "trực tuyến" and "qua mạng" as online), as do "app" and "ứng dụng".
  onl: 'online',
  dthoai: 'điện thoại',
  atm: 'ngân hàng',
  xm: 'xe máy',
  oto: 'ô tô',
  // Family words as typed in chat
  vk: 'vợ',
  bme: 'bố mẹ',
  // Chat shorthand
  k: 'không',
  k0: 'không',
  khg: 'không',
  kog: 'không',
  ko: 'không',
  kg: 'không',
  kh: 'không',
  hk: 'không',
  hok: 'không',
  khum: 'không',
  khong: 'không',
  dc: 'được',
  ntn: 'như thế nào',
  ntnao: 'như thế nào',
  tn: 'thế nào',
  tnao: 'thế nào',
  j: 'gì',
  gi: 'gì',
  bn: 'bao nhiêu',
  bnhieu: 'bao nhiêu',
  bnh: 'bao nhiêu',
  mk: 'mình',
  mik: 'mình',
  vs: 'với',
  ng: 'người',
  trc: 'trước',
  cx: 'cũng',
  r: 'rồi',
  oy: 'rồi',
  nx: 'nữa',
  bik: 'biết',
  bjo: 'bây giờ',
  hnay: 'hôm nay',
  hqua: 'hôm qua',
  mn: 'mọi người',
  ttin: 'thông tin',
  tgian: 'thời gian',
  sd: 'sử dụng',
  lm: 'làm',
  ms: 'mới',
  tg: 'thời gian',
  sv: 'sinh viên',
});

/**
 * Two-token phrases in which a shorthand reads differently next to that word: "sổ hk"
 * is sổ hộ khẩu, "quên mk" and "mk vneid" are mật khẩu. Keys are the two folded tokens
 * joined by a space; values replace both tokens.
 */
export const ABBREVIATION_PHRASES: Readonly<Record<string, string>> = Object.freeze({
  'so hk': 'sổ hộ khẩu',
  'nhap hk': 'nhập hộ khẩu',
  'chuyen hk': 'chuyển hộ khẩu',
  'cat hk': 'cắt hộ khẩu',
  'tach hk': 'tách hộ khẩu',
  'quen mk': 'quên mật khẩu',
  'doi mk': 'đổi mật khẩu',
  'lai mk': 'lại mật khẩu',
  'sai mk': 'sai mật khẩu',
  'nhap mk': 'nhập mật khẩu',
  'mat mk': 'mật khẩu',
  'mk vneid': 'mật khẩu vneid',
  'mk tk': 'mật khẩu tài khoản',
  'mk tai': 'mật khẩu tài',
  'mk dvc': 'mật khẩu dịch vụ công',
  'mk dang': 'mật khẩu đăng',
  // Where a citizen's everyday word and the portal's word differ, both are read as one,
  // on both sides: "làm lại" a card is "cấp lại", "sao y" and "công chứng" a copy is
  // "chứng thực", "nhập khẩu" is "nhập hộ khẩu", "trực tuyến" and "qua mạng" are online,
  // "mấy ngày" asks "bao lâu", "đăng ký cưới" is kết hôn. Only pairs with no other common
  // reading in questions (not "báo tử": bao tử is the stomach).
  'lam lai': 'cấp lại',
  'lm lai': 'cấp lại',
  'sao y': 'chứng thực bản sao',
  'cong chung': 'chứng thực',
  'nhap khau': 'nhập hộ khẩu',
  'chuyen khau': 'chuyển hộ khẩu',
  'tach khau': 'tách hộ khẩu',
  'cat khau': 'cắt hộ khẩu',
  'truc tuyen': 'online',
  'qua mang': 'online',
  'tren mang': 'online',
  'ung dung': 'app',
  'may ngay': 'bao lâu',
  // "toi" alone is tôi (a stopword), but "toi da" and "toi thieu" are tối đa, tối thiểu.
  'toi da': 'tối đa',
  'toi thieu': 'tối thiểu',
  'bao ngay': 'bao lâu',
  'ki cuoi': 'ký kết hôn',
});

/**
 * English keywords a citizen or a foreigner types, with the Vietnamese words the corpus
 * uses for them. Read on the question side only (the corpus keeps its English phrasings
 * as they are): a question written in English, or a Vietnamese one with English keywords
 * in it ("lam passport"), is searched a second time with these words replaced, so it
 * reaches Vietnamese entries that have no English version. Keys are lowercase English
 * words; English function words are in `stopwords.ts`. A word missing here stays as typed,
 * so a question about something the corpus does not cover keeps its unmatched words.
 */
export const ENGLISH_KEYWORDS: Readonly<Record<string, string>> = Object.freeze({
  // Accounts and the portal
  account: 'tài khoản',
  accounts: 'tài khoản',
  password: 'mật khẩu',
  passcode: 'passcode',
  login: 'đăng nhập',
  logon: 'đăng nhập',
  logout: 'đăng xuất',
  signin: 'đăng nhập',
  signup: 'đăng ký',
  setup: 'cài đặt',
  pickup: 'nhận',
  register: 'đăng ký',
  registering: 'đăng ký',
  registration: 'đăng ký',
  registered: 'đăng ký',
  forgot: 'quên',
  forget: 'quên',
  forgotten: 'quên',
  remember: 'nhớ',
  reset: 'lấy lại',
  recover: 'lấy lại',
  locked: 'bị khóa',
  unlock: 'mở khóa',
  activate: 'kích hoạt',
  activation: 'kích hoạt',
  level: 'mức',
  identity: 'định danh',
  identification: 'định danh',
  electronic: 'điện tử',
  digital: 'điện tử',
  portal: 'cổng',
  website: 'trang',
  web: 'web',
  national: 'quốc gia',
  public: 'công',
  service: 'dịch vụ',
  services: 'dịch vụ',
  wallet: 'ví',
  phone: 'điện thoại',
  number: 'số',
  code: 'mã',
  organisation: 'tổ chức',
  organization: 'tổ chức',
  // Filing
  application: 'hồ sơ',
  applications: 'hồ sơ',
  dossier: 'hồ sơ',
  file: 'hồ sơ',
  submit: 'nộp',
  submitted: 'nộp',
  apply: 'nộp',
  track: 'tra cứu',
  check: 'tra cứu',
  status: 'tình trạng',
  progress: 'tiến độ',
  missing: 'thiếu',
  additional: 'bổ sung',
  supplement: 'bổ sung',
  returned: 'trả lại',
  cancel: 'hủy',
  withdraw: 'rút',
  pay: 'thanh toán',
  paid: 'thanh toán',
  paying: 'thanh toán',
  payment: 'thanh toán',
  fee: 'lệ phí',
  fees: 'lệ phí',
  cost: 'lệ phí',
  receipt: 'biên lai',
  result: 'kết quả',
  results: 'kết quả',
  receive: 'nhận',
  collect: 'nhận',
  post: 'bưu chính',
  attach: 'đính kèm',
  attachment: 'đính kèm',
  upload: 'tải lên',
  scan: 'scan',
  photo: 'ảnh',
  rate: 'đánh giá',
  rating: 'đánh giá',
  satisfaction: 'hài lòng',
  complaint: 'phản ánh',
  complain: 'phản ánh',
  feedback: 'phản ánh',
  report: 'phản ánh',
  // Civil status and residence
  birth: 'khai sinh',
  baby: 'con',
  newborn: 'con mới sinh',
  child: 'con',
  children: 'con',
  kid: 'con',
  death: 'khai tử',
  died: 'mất',
  marriage: 'kết hôn',
  marry: 'kết hôn',
  married: 'kết hôn',
  wedding: 'kết hôn',
  single: 'độc thân',
  unmarried: 'độc thân',
  marital: 'hôn nhân',
  residence: 'cư trú',
  resident: 'cư trú',
  temporary: 'tạm trú',
  permanent: 'thường trú',
  stay: 'tạm trú',
  staying: 'tạm trú',
  absence: 'tạm vắng',
  away: 'tạm vắng',
  rent: 'thuê',
  renting: 'thuê',
  household: 'hộ',
  // Documents
  passport: 'hộ chiếu',
  id: 'căn cước',
  card: 'thẻ',
  certificate: 'giấy',
  // Quoted: the name of a browser global, which `search/core` must not mention in code.
  'document': 'giấy tờ',
  documents: 'giấy tờ',
  papers: 'giấy tờ',
  copy: 'bản sao',
  copies: 'bản sao',
  certified: 'chứng thực',
  certify: 'chứng thực',
  notarised: 'chứng thực',
  notarized: 'chứng thực',
  original: 'bản chính',
  criminal: 'lý lịch tư pháp',
  judicial: 'lý lịch tư pháp',
  licence: 'giấy phép',
  license: 'giấy phép',
  driving: 'lái xe',
  driver: 'lái xe',
  renew: 'gia hạn',
  renewal: 'gia hạn',
  expired: 'hết hạn',
  lost: 'mất',
  lose: 'mất',
  replace: 'cấp lại',
  reissue: 'cấp lại',
  // Traffic, business, building, insurance
  fine: 'phạt',
  fines: 'phạt',
  penalty: 'phạt',
  traffic: 'giao thông',
  violation: 'vi phạm',
  business: 'kinh doanh',
  shop: 'kinh doanh',
  company: 'doanh nghiệp',
  enterprise: 'doanh nghiệp',
  construction: 'xây dựng',
  build: 'xây',
  building: 'xây dựng',
  house: 'nhà',
  permit: 'giấy phép',
  insurance: 'bảo hiểm',
  health: 'y tế',
  // Help and places
  hotline: 'tổng đài',
  helpline: 'tổng đài',
  support: 'hỗ trợ',
  agent: 'đại lý',
  center: 'trung tâm',
  centre: 'trung tâm',
  office: 'cơ quan',
  assistant: 'trợ lý',
  chatbot: 'trợ lý',
  bot: 'trợ lý',
  hanoi: 'hà nội',
  vietnam: 'việt nam',
  where: 'ở đâu',
  long: 'bao lâu',
  much: 'bao nhiêu',
  free: 'miễn phí',
  discount: 'giảm',
  today: 'hôm nay',
  // More of the domain, as foreigners and young people write it
  police: 'công an',
  official: 'cán bộ',
  officer: 'cán bộ',
  ward: 'phường',
  commune: 'xã',
  district: 'huyện',
  province: 'tỉnh',
  city: 'thành phố',
  address: 'địa chỉ',
  move: 'chuyển',
  moving: 'chuyển',
  moved: 'chuyển',
  new: 'mới',
  stolen: 'mất',
  damaged: 'hỏng',
  broken: 'hỏng',
  wrong: 'sai',
  mistake: 'sai',
  change: 'đổi',
  name: 'tên',
  parents: 'bố mẹ',
  father: 'bố',
  mother: 'mẹ',
  wife: 'vợ',
  husband: 'chồng',
  student: 'sinh viên',
  landlord: 'chủ nhà',
  tenant: 'người thuê',
  foreigner: 'người nước ngoài',
  notification: 'thông báo',
  notifications: 'thông báo',
  notify: 'thông báo',
  message: 'tin nhắn',
  messages: 'tin nhắn',
  sms: 'tin nhắn',
  bank: 'ngân hàng',
  banking: 'ngân hàng',
  transfer: 'chuyển khoản',
  format: 'định dạng',
  formats: 'định dạng',
  size: 'dung lượng',
  picture: 'ảnh',
  rejected: 'từ chối',
  refused: 'từ chối',
  wait: 'chờ',
  late: 'quá hạn',
  overdue: 'quá hạn',
  slow: 'chậm',
  land: 'đất',
  electricity: 'điện',
  exam: 'thi',
  university: 'đại học',
  unemployment: 'thất nghiệp',
  benefit: 'trợ cấp',
  benefits: 'trợ cấp',
  vehicle: 'xe',
  motorbike: 'xe máy',
  car: 'ô tô',
  plate: 'biển số',
  seal: 'con dấu',
  stamp: 'con dấu',
  tax: 'thuế',
  signature: 'chữ ký số',
  linked: 'liên thông',
  procedure: 'thủ tục',
  procedures: 'thủ tục',
  paperwork: 'thủ tục',
  form: 'tờ khai',
  declare: 'khai báo',
  declaration: 'khai báo',
  privacy: 'thông tin cá nhân',
  data: 'dữ liệu',
  human: 'người',
  person: 'người',
  help: 'hỗ trợ',
  call: 'gọi',
});

/** Two-word English keywords, read before single words ("health insurance" is one thing). */
export const ENGLISH_PHRASES: Readonly<Record<string, string>> = Object.freeze({
  'sign up': 'đăng ký',
  'sign in': 'đăng nhập',
  'log in': 'đăng nhập',
  'health insurance': 'bảo hiểm y tế',
  'driving licence': 'giấy phép lái xe',
  'driving license': 'giấy phép lái xe',
  'driver license': 'giấy phép lái xe',
  'criminal record': 'lý lịch tư pháp',
  'judicial record': 'lý lịch tư pháp',
  'birth certificate': 'giấy khai sinh',
  'death certificate': 'giấy khai tử',
  'id card': 'căn cước',
  'identity card': 'căn cước',
  'public service': 'dịch vụ công',
  'public services': 'dịch vụ công',
  'temporary residence': 'tạm trú',
  'permanent residence': 'thường trú',
  'household business': 'hộ kinh doanh',
  'marital status': 'tình trạng hôn nhân',
  'how long': 'bao lâu',
  'how much': 'bao nhiêu',
  'one stop': 'một cửa',
  'passed away': 'mất',
  'police clearance': 'lý lịch tư pháp',
  'opening hours': 'giờ làm việc',
  'phone number': 'số điện thoại',
  'not married': 'độc thân',
});

/**
 * English verbs whose particle carries the meaning ("sign in" is not "sign up"), read as
 * one word in English text on both sides, before the particle would be dropped as a
 * function word. The joined forms are also keywords above, so translation reads them too.
 */
export const ENGLISH_COMPOUNDS: Readonly<Record<string, string>> = Object.freeze({
  'sign in': 'signin',
  'sign up': 'signup',
  'sign out': 'logout',
  'log in': 'login',
  'log on': 'login',
  'log out': 'logout',
  'set up': 'setup',
  'pick up': 'pickup',
});

/**
 * Two English words read as one ("sign in" → "signin"), or `undefined`.
 *
 * @example englishCompound('log', 'in') // → 'login'
 */
export function englishCompound(word: string, next: string): string | undefined {
  const key = `${word} ${next}`;
  return Object.hasOwn(ENGLISH_COMPOUNDS, key) ? ENGLISH_COMPOUNDS[key] : undefined;
}

/**
 * The full words for one folded token, or `undefined` when it is not an abbreviation.
 *
 * @example expandAbbreviation('gplx') // → 'giấy phép lái xe'
 */
export function expandAbbreviation(folded: string): string | undefined {
  return Object.hasOwn(ABBREVIATIONS, folded) ? ABBREVIATIONS[folded] : undefined;
}

/**
 * The full words for two neighbouring folded tokens, or `undefined`.
 *
 * @example expandAbbreviationPhrase('so', 'hk') // → 'sổ hộ khẩu'
 */
export function expandAbbreviationPhrase(first: string, second: string): string | undefined {
  const key = `${first} ${second}`;
  return Object.hasOwn(ABBREVIATION_PHRASES, key) ? ABBREVIATION_PHRASES[key] : undefined;
}

/**
 * Vietnamese words for an English keyword, or for two neighbouring ones when `next` is
 * given and they form a phrase; `undefined` otherwise.
 *
 * @example translateEnglish('passport') // → 'hộ chiếu'
 * @example translateEnglish('health', 'insurance') // → 'bảo hiểm y tế'
 */
export function translateEnglish(word: string, next?: string): string | undefined {
  if (next !== undefined) {
    const key = `${word} ${next}`;
    return Object.hasOwn(ENGLISH_PHRASES, key) ? ENGLISH_PHRASES[key] : undefined;
  }
  return Object.hasOwn(ENGLISH_KEYWORDS, word) ? ENGLISH_KEYWORDS[word] : undefined;
}
