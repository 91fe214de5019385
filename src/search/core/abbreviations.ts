/**
 * Citizen shorthand and official abbreviations, expanded to their full words on both
 * sides of the search (query and corpus), so "lam lai cccd" meets "làm lại căn cước
 * công dân". Content, not code: edit freely, then rebuild the corpus (the compiled index
 * records a fingerprint of this table and the engine refuses an index built with another).
 *
 * Keys are folded (no accents, lowercase), so `đc` and `dc` are one key. A key expands to
 * exactly one reading: where one spelling has two meanings the more frequent one in
 * questions about public services wins (`hk` → không, as in "hk biết"), and
 * {@link ABBREVIATION_PHRASES} fixes the common two-word exceptions ("sổ hk", "quên mk").
 * English words are not listed: they are searched as they are.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  // Identity documents and accounts
  cccd: 'căn cước công dân',
  cmnd: 'chứng minh nhân dân',
  cmt: 'chứng minh thư',
  ddcn: 'định danh cá nhân',
  dddt: 'định danh điện tử',
  tk: 'tài khoản',
  sdt: 'số điện thoại',
  mst: 'mã số thuế',
  // Procedures and papers
  gks: 'giấy khai sinh',
  gplx: 'giấy phép lái xe',
  bhyt: 'bảo hiểm y tế',
  bhxh: 'bảo hiểm xã hội',
  bhtn: 'bảo hiểm thất nghiệp',
  lltp: 'lý lịch tư pháp',
  tthc: 'thủ tục hành chính',
  dk: 'đăng ký',
  dkkd: 'đăng ký kinh doanh',
  hkd: 'hộ kinh doanh',
  qsdd: 'quyền sử dụng đất',
  gcn: 'giấy chứng nhận',
  gpxd: 'giấy phép xây dựng',
  xnttn: 'xác nhận tình trạng hôn nhân',
  xnthn: 'xác nhận tình trạng hôn nhân',
  csdl: 'cơ sở dữ liệu',
  // Agencies and portals
  dvc: 'dịch vụ công',
  dvcqg: 'dịch vụ công quốc gia',
  dvctt: 'dịch vụ công trực tuyến',
  ubnd: 'ủy ban nhân dân',
  hdnd: 'hội đồng nhân dân',
  ttpvhcc: 'trung tâm phục vụ hành chính công',
  tp: 'thành phố',
  hn: 'hà nội',
  hcm: 'hồ chí minh',
  tphcm: 'thành phố hồ chí minh',
  // Chat shorthand
  k: 'không',
  ko: 'không',
  kg: 'không',
  hk: 'không',
  khong: 'không',
  dc: 'được',
  ntn: 'như thế nào',
  tn: 'thế nào',
  j: 'gì',
  gi: 'gì',
  bn: 'bao nhiêu',
  bnhieu: 'bao nhiêu',
  mk: 'mình',
  mik: 'mình',
  vs: 'với',
  ng: 'người',
  trc: 'trước',
  cx: 'cũng',
  r: 'rồi',
  onl: 'online',
});

/**
 * Two-token phrases whose second token is a shorthand that reads differently after that
 * first word: "sổ hk" is sổ hộ khẩu, "quên mk" is quên mật khẩu. Keys are the two folded
 * tokens joined by a space; values replace both tokens.
 */
export const ABBREVIATION_PHRASES: Readonly<Record<string, string>> = Object.freeze({
  'so hk': 'sổ hộ khẩu',
  'quen mk': 'quên mật khẩu',
  'doi mk': 'đổi mật khẩu',
  'lai mk': 'lại mật khẩu',
  'sai mk': 'sai mật khẩu',
  'nhap mk': 'nhập mật khẩu',
  'mat mk': 'mật khẩu',
});

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
