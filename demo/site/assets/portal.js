/**
 * Behaviour of the demo portal "Cổng Dịch vụ công — UBND phường Ba Đình".
 *
 * Plain ES module, no framework, no build step, no network: it runs under the pages' strict CSP and never
 * calls `/api/`. State that must survive page loads (the logged-in demo user, the dossier being filled,
 * submitted dossiers) lives in sessionStorage, or in memory when storage is blocked.
 *
 * Every text that reaches the page goes through `textContent` (never `innerHTML`).
 */

import { DEMO_DOSSIERS } from "./demo-dossiers.js";

/* ================================================================== *
 * Demo data
 * ================================================================== */

/** Citizen-facing names of the API's dossier statuses. */
const STATUS_TEXT = Object.freeze({
  received: "Đã tiếp nhận",
  processing: "Đang xử lý",
  "needs-supplement": "Cần bổ sung hồ sơ",
  done: "Đã có kết quả",
  rejected: "Từ chối giải quyết",
});

/** Procedures known to the detail and payment pages (the list page has its own markup). */
const PROCEDURES = Object.freeze({
  "khai-sinh": {
    name: "Đăng ký khai sinh",
    code: "1.001193",
    agency: "UBND phường Ba Đình",
    field: "Hộ tịch",
    level: "Toàn trình",
    fee: "Miễn lệ phí (đăng ký đúng hạn)",
    time: "01 ngày làm việc",
    summary: "Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam trong thời hạn 60 ngày kể từ ngày sinh.",
    codePrefix: "H01.99",
  },
  "tam-tru": {
    name: "Đăng ký tạm trú",
    code: "1.004194",
    agency: "Công an phường Ba Đình",
    field: "Cư trú",
    level: "Toàn trình",
    fee: "7.000 đồng khi nộp trực tuyến",
    time: "03 ngày làm việc",
    summary: "Đăng ký khi đến ở từ 30 ngày trở lên tại chỗ ở hợp pháp ngoài nơi thường trú.",
    codePrefix: "000.00.00.H26",
  },
  "thuong-tru": {
    name: "Đăng ký thường trú",
    code: "1.004222",
    agency: "Công an phường Ba Đình",
    field: "Cư trú",
    level: "Một phần",
    fee: "10.000 đồng khi nộp trực tuyến (20.000 đồng khi nộp trực tiếp)",
    time: "07 ngày làm việc",
    summary: "Đăng ký nơi thường trú mới hoặc nhập hộ khẩu vào hộ gia đình tại phường Ba Đình.",
  },
  "tam-vang": {
    name: "Khai báo tạm vắng",
    code: "",
    agency: "Công an phường Ba Đình",
    field: "Cư trú",
    level: "Toàn trình",
    fee: "Theo quy định",
    time: "Theo quy định",
    summary: "Khai báo khi vắng mặt khỏi nơi cư trú trong các trường hợp luật yêu cầu.",
  },
  "can-cuoc": {
    name: "Cấp lại thẻ căn cước",
    code: "",
    agency: "Công an thành phố Hà Nội",
    field: "Căn cước",
    level: "Toàn trình",
    fee: "Theo quy định",
    time: "07 ngày làm việc",
    summary: "Cấp lại thẻ căn cước khi bị mất, hư hỏng hoặc thay đổi thông tin.",
  },
  "ly-lich-tu-phap": {
    name: "Cấp phiếu lý lịch tư pháp",
    code: "",
    agency: "Công an thành phố Hà Nội",
    field: "Lý lịch tư pháp",
    level: "Toàn trình",
    fee: "200.000 đồng/lần (100.000 đồng với sinh viên, người có công)",
    time: "10 ngày làm việc",
    summary: "Cấp phiếu lý lịch tư pháp số 1 hoặc số 2, nhận bản điện tử trên VNeID.",
  },
  "giay-phep-lai-xe": {
    name: "Đổi giấy phép lái xe",
    code: "",
    agency: "Công an thành phố Hà Nội",
    field: "Đường bộ",
    level: "Toàn trình",
    fee: "Theo quy định",
    time: "05 ngày làm việc",
    summary: "Đổi giấy phép lái xe sắp hết hạn hoặc đã hết hạn; cần giấy khám sức khoẻ đã liên thông.",
  },
  "ho-chieu": {
    name: "Cấp hộ chiếu phổ thông trong nước",
    code: "",
    agency: "Công an thành phố Hà Nội",
    field: "Xuất nhập cảnh",
    level: "Toàn trình",
    fee: "200.000 đồng (cấp mới)",
    time: "08 ngày làm việc",
    summary: "Cấp hộ chiếu phổ thông lần đầu hoặc cấp lại, nhận kết quả qua bưu chính.",
  },
  "tinh-trang-hon-nhan": {
    name: "Cấp giấy xác nhận tình trạng hôn nhân",
    code: "1.004873",
    agency: "UBND phường Ba Đình",
    field: "Hộ tịch",
    level: "Toàn trình",
    fee: "Theo quy định",
    time: "03 ngày làm việc",
    summary: "Xác nhận tình trạng hôn nhân để kết hôn hoặc dùng vào việc khác.",
  },
  "ket-hon": {
    name: "Đăng ký kết hôn",
    code: "",
    agency: "UBND phường Ba Đình",
    field: "Hộ tịch",
    level: "Một phần",
    fee: "Miễn lệ phí",
    time: "Theo quy định",
    summary: "Nộp hồ sơ trực tuyến; hai bên có mặt khi ký Sổ hộ tịch và nhận Giấy chứng nhận kết hôn.",
  },
  "khai-tu": {
    name: "Đăng ký khai tử",
    code: "",
    agency: "UBND phường Ba Đình",
    field: "Hộ tịch",
    level: "Toàn trình",
    fee: "Miễn lệ phí (đăng ký đúng hạn)",
    time: "Theo quy định",
    summary: "Người thân đăng ký khai tử trong thời hạn 15 ngày kể từ ngày người thân mất.",
  },
  "chung-thuc": {
    name: "Chứng thực bản sao điện tử từ bản chính",
    code: "",
    agency: "UBND phường Ba Đình",
    field: "Chứng thực",
    level: "Toàn trình",
    fee: "Theo quy định",
    time: "Theo quy định",
    summary: "Chứng thực bản sao điện tử từ bản chính giấy tờ do cơ quan Việt Nam cấp.",
  },
});

/** Fee of one certified copy of the birth-certificate extract (trích lục), in đồng. */
const COPY_FEE = 8000;

/** The dossier shown on the payment page when the citizen opens it without one in progress. */
const SAMPLE_DOSSIER = Object.freeze({
  procedure: "khai-sinh",
  sample: true,
  fields: { requesterName: "Nguyễn Thị Minh Anh", delivery: "online" },
});

/** The demo citizen "logged in" by the mock VNeID page. */
const DEMO_CITIZEN_NAME = "Nguyễn Thị Minh Anh";

const DELIVERY_TEXT = Object.freeze({
  online: "Chỉ nhận bản điện tử",
  post: "Nhận bản giấy qua bưu chính công ích",
  counter: "Nhận trực tiếp tại Bộ phận Một cửa",
});

const KEYS = Object.freeze({
  user: "demo-user",
  dossier: "demo-dossier",
  submitted: "demo-submitted",
  seq: "demo-seq",
});

/* ================================================================== *
 * Small helpers
 * ================================================================== */

/** sessionStorage with an in-memory fallback (private modes and locked-down browsers block storage). */
const store = (() => {
  const memory = new Map();
  let storage = null;
  try {
    storage = window.sessionStorage;
    const probe = "__demo_probe__";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
  } catch {
    storage = null;
  }
  return {
    get(key) {
      let raw = null;
      try {
        raw = storage ? storage.getItem(key) : memory.get(key) ?? null;
      } catch {
        raw = memory.get(key) ?? null;
      }
      if (raw === null) return null;
      try {
        return JSON.parse(raw);
      } catch {
        return null;
      }
    },
    set(key, value) {
      const raw = JSON.stringify(value);
      try {
        if (storage) storage.setItem(key, raw);
        else memory.set(key, raw);
      } catch {
        memory.set(key, raw);
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing else to clean.
      }
    },
  };
})();

/**
 * Folds Vietnamese text for matching: NFD, combining marks removed, đ → d, lower case, single spaces.
 * @param {string} text
 * @returns {string}
 * @example fold("Đăng ký TẠM TRÚ") // "dang ky tam tru"
 */
export function fold(text) {
  return String(text)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const moneyFormat = new Intl.NumberFormat("vi-VN");
/** @param {number} amount @returns {string} e.g. "8.000 đồng" */
function money(amount) {
  return `${moneyFormat.format(amount)} đồng`;
}

const dateTimeFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour12: false,
});
/** @param {string} iso @returns {string} e.g. "08:42 ngày 01/01/2026" (Hà Nội time) */
function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** @param {string} iso @returns {string} e.g. "01/01/2026" */
function formatDate(iso) {
  return formatDateTime(iso).replace(/^.* ngày /, "");
}

/**
 * Creates an element. `props` are assigned as properties, except `attrs` (attributes) and `dataset`.
 * Children are nodes or strings (strings become text nodes).
 */
function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  const { attrs, ...rest } = props;
  Object.assign(node, rest);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** Parses `dd/mm/yyyy` (also `-` or `.`); returns a local Date or null when the date does not exist. */
function parseDate(value) {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(String(value).trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  if (year < 1900) return null;
  return date;
}

/** Dossier codes look like `H01.99-260101-0001` or `000.00.00.H26-250101-0001`. */
const DOSSIER_CODE = /^(?:H\d{2}\.\d{2}|\d{3}\.\d{2}\.\d{2}\.H\d{2})-\d{6}-\d{4}$/;

/** Upper-cases and strips spaces from a typed dossier code. */
function normaliseCode(value) {
  return String(value).replace(/\s+/g, "").toUpperCase();
}

/** A same-site path from `?next=`, or null (no open redirects). */
function safeNext(value) {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  try {
    const url = new URL(value, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

function currentUser() {
  const user = store.get(KEYS.user);
  return user && typeof user.name === "string" ? user : null;
}

function submittedDossiers() {
  const list = store.get(KEYS.submitted);
  return Array.isArray(list) ? list : [];
}

/** Makes the next dossier code for today, skipping the codes of the demo table. */
function nextDossierCode(prefix) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "2-digit", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const ymd = `${parts.year}${parts.month}${parts.day}`;
  let seq = Number(store.get(KEYS.seq)) || 0;
  let code;
  do {
    seq += 1;
    code = `${prefix}-${ymd}-${String(seq).padStart(4, "0")}`;
  } while (Object.hasOwn(DEMO_DOSSIERS, code));
  store.set(KEYS.seq, seq);
  return code;
}

/**
 * Finds a dossier by code: the demo table, then the dossiers submitted in this browser tab.
 * Async on purpose: the real lookup (a later issue) asks the API.
 * @param {string} code - normalised code
 */
async function findDossier(code) {
  if (Object.hasOwn(DEMO_DOSSIERS, code)) return DEMO_DOSSIERS[code];
  const mine = submittedDossiers().find((d) => d.code === code);
  if (!mine) return null;
  return {
    code: mine.code,
    procedure: mine.procedureName,
    agency: mine.agency,
    status: "received",
    statusText: STATUS_TEXT.received,
    updatedAt: mine.submittedAt,
    history: [{ at: mine.submittedAt, status: "received", note: "Hồ sơ được nộp trực tuyến, đang chờ cán bộ tiếp nhận kiểm tra." }],
  };
}

/* ================================================================== *
 * Form validation (GOV.UK pattern: error summary + inline messages)
 *
 * Configuration lives in the markup, on each `.form-group[data-field]`:
 *   data-field="childName"            the control's `name`
 *   data-rules="required cccd"        rules, in order
 *   data-required-if="delivery=post"  required only when another field has (or has not: `!=`) a value
 *   data-required-with="fatherId"     required when another field is filled
 *   data-msg-<key>="…"                the message for each failure key
 * ================================================================== */

const RULES = {
  "person-name": (value) => (/^\p{L}+(?:[ '-]\p{L}+)+$/u.test(value.normalize("NFC").replace(/\s+/g, " ")) ? null : "person-name"),
  cccd: (value) => (/^\d{12}$/.test(value.replace(/\s+/g, "")) ? null : "cccd"),
  phone: (value) => (/^0\d{9}$/.test(value.replace(/[\s.]/g, "")) ? null : "phone"),
  email: (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : "email"),
  date: (value) => (parseDate(value) ? null : "date"),
  "past-date": (value) => {
    const date = parseDate(value);
    if (!date) return "date";
    const today = new Date();
    today.setHours(23, 59, 59, 999);
    return date > today ? "date-future" : null;
  },
  "dossier-code": (value) => (DOSSIER_CODE.test(normaliseCode(value)) ? null : "dossier-code"),
  "max-length": (value, group) => (value.length <= Number(group.dataset.max || Infinity) ? null : "max-length"),
  file: (file) => {
    if (!(file instanceof File)) return null;
    if (!/\.(pdf|jpe?g|png)$/i.test(file.name)) return "file-type";
    return file.size > 5 * 1024 * 1024 ? "file-size" : null;
  },
};

/** Controls of a field: all radios of a group, or the single element. */
function controlsOf(form, name) {
  const item = form.elements.namedItem(name);
  if (!item) return [];
  return item instanceof RadioNodeList ? Array.from(item) : [item];
}

/** The value of a field: text trimmed, checked radio value, checkbox value or "", first File or null. */
function valueOf(form, name) {
  const controls = controlsOf(form, name);
  const first = controls[0];
  if (!first) return "";
  if (first.type === "radio") return controls.find((c) => c.checked)?.value ?? "";
  if (first.type === "checkbox") return first.checked ? first.value : "";
  if (first.type === "file") return first.files?.[0] ?? null;
  return first.value.trim();
}

function isEmpty(value) {
  return value === "" || value === null || value === undefined;
}

function conditionHolds(form, expression) {
  const m = /^([\w-]+)(!?=)(.*)$/.exec(expression ?? "");
  if (!m) return false;
  const actual = String(valueOf(form, m[1]) ?? "");
  return m[2] === "=" ? actual === m[3] : actual !== m[3];
}

/** @returns {string | null} the failure key of a group, or null when valid */
function checkGroup(form, group) {
  const name = group.dataset.field;
  const rules = (group.dataset.rules ?? "").split(/\s+/).filter(Boolean);
  const value = valueOf(form, name);
  let required = rules.includes("required");
  if (group.dataset.requiredIf) required = conditionHolds(form, group.dataset.requiredIf);
  if (group.dataset.requiredWith && !isEmpty(valueOf(form, group.dataset.requiredWith))) required = true;
  if (isEmpty(value)) {
    if (required && group.dataset.existingFile) return null; // a file attached on an earlier visit
    return required ? "required" : null;
  }
  for (const rule of rules) {
    if (rule === "required") continue;
    const check = RULES[rule];
    const failure = check ? check(value, group) : null;
    if (failure) return failure;
  }
  return null;
}

function messageFor(group, key) {
  const attr = `msg${key.replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase())}`;
  return group.dataset[attr] ?? "Thông tin chưa hợp lệ";
}

const ERROR_ANCHOR = ".search-form__row, .input, .select, .textarea, .file-input, .radios, .rating, .choice";

function describedByTarget(group, controls) {
  const first = controls[0];
  return first && (first.type === "radio" ? [first.closest("fieldset") ?? first] : controls);
}

function addToken(node, attr, token) {
  const tokens = (node.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean);
  if (!tokens.includes(token)) tokens.push(token);
  node.setAttribute(attr, tokens.join(" "));
}

function removeToken(node, attr, token) {
  const tokens = (node.getAttribute(attr) ?? "").split(/\s+/).filter((t) => t && t !== token);
  if (tokens.length) node.setAttribute(attr, tokens.join(" "));
  else node.removeAttribute(attr);
}

function clearGroupError(form, group) {
  const controls = controlsOf(form, group.dataset.field);
  const id = `${controls[0]?.id}-error`;
  group.classList.remove("form-group--error");
  document.getElementById(id)?.remove();
  for (const node of describedByTarget(group, controls) ?? []) removeToken(node, "aria-describedby", id);
  for (const control of controls) control.removeAttribute("aria-invalid");
}

function showGroupError(form, group, message) {
  const controls = controlsOf(form, group.dataset.field);
  const id = `${controls[0].id}-error`;
  group.classList.add("form-group--error");
  const error = h("p", { className: "field-error", id }, [h("span", { className: "visually-hidden" }, "Lỗi: "), message]);
  const anchor = group.querySelector(ERROR_ANCHOR);
  if (anchor) anchor.before(error);
  else group.append(error);
  for (const node of describedByTarget(group, controls)) addToken(node, "aria-describedby", id);
  if (controls[0].type !== "radio") for (const control of controls) control.setAttribute("aria-invalid", "true");
}

/**
 * Validates every field of a form, shows the inline errors and the summary.
 * @returns {boolean} true when the form is valid
 */
function validateForm(form) {
  const errors = [];
  for (const group of form.querySelectorAll("[data-field]")) {
    if (!group.dataset.rules && !group.dataset.requiredIf && !group.dataset.requiredWith) continue;
    clearGroupError(form, group);
    const failure = checkGroup(form, group);
    if (failure) {
      const message = messageFor(group, failure);
      showGroupError(form, group, message);
      errors.push({ id: controlsOf(form, group.dataset.field)[0].id, message });
    }
  }
  renderErrorSummary(errors);
  return errors.length === 0;
}

const originalTitle = document.title;

function renderErrorSummary(errors) {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  const list = summary.querySelector(".error-summary__list");
  list.replaceChildren(
    ...errors.map((e) => h("li", {}, h("a", { href: `#${e.id}`, attrs: { "data-target": e.id } }, e.message))),
  );
  if (errors.length) {
    summary.hidden = false;
    document.title = `Lỗi: ${originalTitle}`;
    summary.focus();
  } else {
    summary.hidden = true;
    document.title = originalTitle;
  }
}

/** Error-summary links move focus to the field and bring its label or legend into view. */
function focusField(id) {
  const target = document.getElementById(id);
  if (!target) return;
  const inFieldset = (target.type === "radio" || target.type === "checkbox") && target.closest("fieldset");
  const caption = inFieldset
    ? inFieldset.querySelector("legend")
    : document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (caption ?? target).scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

/** Re-checks a field that shows an error as soon as the citizen fixes it (never adds new errors early). */
function revalidateOnChange(form, event) {
  const group = event.target.closest?.("[data-field]");
  if (!group || !form.contains(group) || !group.classList.contains("form-group--error")) return;
  if (checkGroup(form, group) !== null) return;
  const id = controlsOf(form, group.dataset.field)[0]?.id;
  clearGroupError(form, group);
  const summary = document.getElementById("error-summary");
  const link = summary?.querySelector(`a[data-target="${CSS.escape(id ?? "")}"]`);
  link?.closest("li")?.remove();
  if (summary && !summary.querySelector("li")) {
    summary.hidden = true;
    document.title = originalTitle;
  }
}

/** Shows the block named by `aria-controls` of the checked radio, hides the others (GOV.UK conditionals). */
function syncConditionals(form) {
  for (const radio of form.querySelectorAll('input[type="radio"][aria-controls]')) {
    const panel = document.getElementById(radio.getAttribute("aria-controls"));
    if (panel) panel.hidden = !radio.checked;
  }
}

/**
 * Wires validation on a form. `onValid(form)` runs after a valid submit.
 */
function enhanceForm(form, onValid) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (validateForm(form)) onValid(form);
  });
  form.addEventListener("input", (event) => revalidateOnChange(form, event));
  form.addEventListener("change", (event) => {
    syncConditionals(form);
    revalidateOnChange(form, event);
  });
  syncConditionals(form);
}

/** Collects the values of every `[data-field]` of a form; files become `{name, size, type}`. */
function collectFields(form) {
  const fields = {};
  let attachment = null;
  for (const group of form.querySelectorAll("[data-field]")) {
    const name = group.dataset.field;
    if (name === "commitment") continue;
    const value = valueOf(form, name);
    if (value instanceof File) attachment = { field: name, name: value.name, size: value.size, type: value.type };
    else if (value === null && group.dataset.existingFile) attachment = JSON.parse(group.dataset.existingFile);
    else if (value !== null) fields[name] = value;
  }
  return { fields, attachment };
}

/** Puts saved values back into a form (after "Thay đổi" on the review page). */
function restoreFields(form, fields) {
  for (const [name, value] of Object.entries(fields ?? {})) {
    const controls = controlsOf(form, name);
    for (const control of controls) {
      if (control.readOnly) continue;
      if (control.type === "radio") control.checked = control.value === value;
      else if (control.type === "checkbox") control.checked = Boolean(value);
      else if (control.type !== "file") control.value = value;
    }
  }
  syncConditionals(form);
}

/* ================================================================== *
 * Shared chrome: header account area, navigation toggle, summary links
 * ================================================================== */

function initHeader() {
  const user = currentUser();
  const login = document.getElementById("header-login");
  const account = document.getElementById("header-account");
  const logout = document.getElementById("header-logout");
  if (user && login && account && logout) {
    login.hidden = true;
    account.hidden = false;
    logout.hidden = false;
    document.getElementById("header-account-name").textContent = user.name;
    account.setAttribute("aria-label", `Tài khoản của ${user.name}`);
  }
  logout?.addEventListener("click", signOut);
}

function signOut() {
  store.remove(KEYS.user);
  location.assign("/");
}

function initNavToggle() {
  const nav = document.getElementById("site-nav");
  const toggle = nav?.querySelector(".site-nav__toggle");
  if (!nav || !toggle) return;
  const setOpen = (open) => {
    nav.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", String(open));
  };
  toggle.addEventListener("click", () => setOpen(!nav.classList.contains("is-open")));
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      setOpen(false);
      toggle.focus();
    }
  });
}

function initErrorSummaryLinks() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.(".error-summary__list a[data-target]");
    if (!link) return;
    event.preventDefault();
    focusField(link.dataset.target);
  });
}

/* ================================================================== *
 * Pages
 * ================================================================== */

function initProcedureList() {
  const form = document.getElementById("procedure-filter");
  const input = document.getElementById("procedure-search");
  const field = document.getElementById("procedure-field");
  const rows = Array.from(document.querySelectorAll("#procedure-list > li"));
  const count = document.getElementById("procedure-count");
  const empty = document.getElementById("procedure-empty");
  const haystacks = new Map(
    rows.map((row) => [row, fold(`${row.textContent} ${row.dataset.keywords ?? ""}`)]),
  );
  let announce = 0;

  const apply = () => {
    const tokens = fold(input.value).split(" ").filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = haystacks.get(row);
      const visible = (!field.value || row.dataset.field === field.value) && tokens.every((t) => text.includes(t));
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    empty.hidden = shown > 0;
    // The count is a live region: update it after typing pauses, so screen readers hear it once.
    clearTimeout(announce);
    announce = setTimeout(() => {
      count.textContent = shown
        ? `Có ${shown} thủ tục${input.value.trim() ? ` phù hợp với «${input.value.trim()}»` : ""}`
        : "Không có thủ tục nào phù hợp";
    }, 400);
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    if (field.value) params.set("linh-vuc", field.value);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  if (params.get("linh-vuc")) field.value = params.get("linh-vuc");
  if (input.value || field.value) apply();
  input.addEventListener("input", apply);
  field.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
}

function initProcedureDetail() {
  const slug = new URLSearchParams(location.search).get("ma") ?? "";
  const procedure = Object.hasOwn(PROCEDURES, slug) ? PROCEDURES[slug] : null;
  if (!procedure) {
    document.getElementById("procedure-missing").hidden = false;
    return;
  }
  document.title = `${procedure.name} | Cổng Dịch vụ công phường Ba Đình`;
  document.getElementById("crumb-current").textContent = procedure.name;
  document.getElementById("detail-name").textContent = procedure.name;
  document.getElementById("detail-code").textContent =
    (procedure.code ? `Mã thủ tục: ${procedure.code} · ` : "") + `Lĩnh vực ${procedure.field}`;
  document.getElementById("detail-summary").textContent = procedure.summary;
  document.getElementById("detail-agency").textContent = procedure.agency;
  document.getElementById("detail-level").textContent = `Dịch vụ công trực tuyến ${procedure.level.toLowerCase()}`;
  document.getElementById("detail-time").textContent = procedure.time;
  document.getElementById("detail-fee").textContent = procedure.fee;
  document.getElementById("procedure-detail").hidden = false;
}

function initBirthForm() {
  const form = document.getElementById("birth-form");
  const user = currentUser();
  document.getElementById("login-notice").hidden = Boolean(user);

  const saved = store.get(KEYS.dossier);
  if (saved?.procedure === "khai-sinh") {
    restoreFields(form, saved.fields);
    if (saved.attachment) {
      const group = form.querySelector('[data-field="birthCertificate"]');
      group.dataset.existingFile = JSON.stringify(saved.attachment);
      const current = document.getElementById("birth-certificate-current");
      current.textContent = `Đã đính kèm: ${saved.attachment.name}. Chọn tệp khác nếu muốn thay.`;
      current.hidden = false;
      const input = document.getElementById("birth-certificate");
      input.removeAttribute("required");
      addToken(input, "aria-describedby", "birth-certificate-current");
    }
  }
  const requester = document.getElementById("requester-name");
  if (user && !requester.value) requester.value = user.name;

  // "Thay đổi" links on the review page land here with #field-id: put the cursor in that field.
  if (location.hash.length > 1) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && form.contains(target)) focusField(target.id);
  }

  enhanceForm(form, () => {
    const { fields, attachment } = collectFields(form);
    store.set(KEYS.dossier, { procedure: "khai-sinh", stage: "draft", fields, attachment, savedAt: new Date().toISOString() });
    location.assign(form.dataset.next);
  });
}

function initResidenceForm() {
  const form = document.getElementById("residence-form");
  const user = currentUser();
  const name = document.getElementById("resident-name");
  if (user && !name.value) name.value = user.name;
  enhanceForm(form, () => {
    const { fields, attachment } = collectFields(form);
    store.set(KEYS.dossier, { procedure: "tam-tru", stage: "confirmed", fields, attachment, savedAt: new Date().toISOString() });
    location.assign(form.dataset.next);
  });
}

/** Rows of the review page: [list id, [[field, label, field id on the form, format?], …]]. */
const BIRTH_REVIEW = [
  [
    "review-child-list",
    [
      ["childName", "Họ, chữ đệm và tên", "child-name"],
      ["childDob", "Ngày, tháng, năm sinh", "child-dob"],
      ["childSex", "Giới tính", "child-sex-nam", (v) => (v === "nam" ? "Nam" : "Nữ")],
      ["childEthnicity", "Dân tộc", "child-ethnicity"],
      ["childNationality", "Quốc tịch", null],
      ["childBirthplace", "Nơi sinh", "child-birthplace"],
    ],
  ],
  [
    "review-parents-list",
    [
      ["motherName", "Họ và tên người mẹ", "mother-name"],
      ["motherId", "Số căn cước của người mẹ", "mother-id"],
      ["fatherName", "Họ và tên người cha", "father-name", (v) => v || "Không khai"],
      ["fatherId", "Số căn cước của người cha", "father-id", (v) => v || "Không khai"],
    ],
  ],
  [
    "review-requester-list",
    [
      ["requesterName", "Người đi đăng ký", "requester-name"],
      ["requesterRelation", "Quan hệ với trẻ", "requester-relation"],
      ["requesterPhone", "Số điện thoại", "requester-phone"],
      ["requesterEmail", "Thư điện tử", "requester-email", (v) => v || "Không khai"],
      ["@attachment", "Giấy chứng sinh", "birth-certificate"],
      ["delivery", "Cách nhận kết quả", "delivery-online", (v) => DELIVERY_TEXT[v] ?? v],
      ["deliveryAddress", "Địa chỉ nhận kết quả", "delivery-address"],
    ],
  ],
];

function fileLabel(attachment) {
  if (!attachment) return "Chưa đính kèm";
  const kb = Math.max(1, Math.round(attachment.size / 1024));
  return `${attachment.name} (${moneyFormat.format(kb)} KB)`;
}

function initReview() {
  const dossier = store.get(KEYS.dossier);
  if (dossier?.procedure !== "khai-sinh") {
    document.getElementById("review-empty").hidden = false;
    return;
  }
  for (const [listId, rows] of BIRTH_REVIEW) {
    const list = document.getElementById(listId);
    for (const [key, label, fieldId, format] of rows) {
      if (key === "deliveryAddress" && dossier.fields.delivery !== "post") continue;
      const raw = key === "@attachment" ? fileLabel(dossier.attachment) : dossier.fields[key] ?? "";
      const text = format ? format(raw) : raw || "—";
      list.append(
        h("div", { className: "summary-list__row" }, [
          h("dt", {}, label),
          h("dd", {}, text),
          h(
            "dd",
            { className: "summary-list__actions" },
            fieldId
              ? h("a", { href: `/thu-tuc/khai-sinh/nop#${fieldId}` }, [
                  "Thay đổi",
                  h("span", { className: "visually-hidden" }, ` ${label.toLowerCase()}`),
                ])
              : null,
          ),
        ]),
      );
    }
  }
  document.getElementById("review").hidden = false;
  document.getElementById("confirm-dossier").addEventListener("click", () => {
    store.set(KEYS.dossier, { ...dossier, stage: "confirmed" });
    location.assign("/thanh-toan");
  });
}

/** The fee lines of a dossier: [{label, note, amount}]. */
function feeLines(dossier, copies) {
  if (dossier.procedure === "tam-tru") {
    return [{ label: "Lệ phí đăng ký tạm trú", note: "Mức thu khi nộp hồ sơ trực tuyến", amount: 7000 }];
  }
  const lines = [{ label: "Lệ phí đăng ký khai sinh", note: "Miễn lệ phí đăng ký khai sinh đúng hạn", amount: 0 }];
  if (copies > 0) {
    lines.push({
      label: "Phí cấp bản sao trích lục khai sinh",
      note: `${copies} bản × ${money(COPY_FEE)}`,
      amount: copies * COPY_FEE,
    });
  }
  if (dossier.fields?.delivery === "post") {
    lines.push({
      label: "Cước trả kết quả qua bưu chính",
      note: "Được hỗ trợ 100% khi nộp trực tuyến (Nghị quyết 77/2025/NQ-HĐND)",
      amount: 0,
    });
  }
  return lines;
}

function initPayment() {
  let dossier = store.get(KEYS.dossier);
  const isSample = !dossier || !Object.hasOwn(PROCEDURES, dossier.procedure);
  if (isSample) dossier = SAMPLE_DOSSIER;
  document.getElementById("payment-sample-notice").hidden = !isSample;

  const procedure = PROCEDURES[dossier.procedure];
  const user = currentUser();
  document.getElementById("pay-procedure").textContent = `${procedure.name} (mã ${procedure.code})`;
  document.getElementById("pay-agency").textContent = procedure.agency;
  document.getElementById("pay-requester").textContent =
    dossier.fields?.requesterName || dossier.fields?.residentName || user?.name || DEMO_CITIZEN_NAME;
  document.getElementById("pay-back").href = dossier.procedure === "tam-tru" ? "/cu-tru/tam-tru" : "/thu-tuc/khai-sinh/xac-nhan";

  const form = document.getElementById("payment-form");
  const copies = document.getElementById("copies");
  const copiesGroup = document.getElementById("copies-group");
  const tbody = document.getElementById("fee-lines");
  const total = document.getElementById("fee-total");
  const amount = document.getElementById("amount");
  const gatewaySection = document.getElementById("gateway-section");
  const button = document.getElementById("pay-button");
  copiesGroup.hidden = dossier.procedure !== "khai-sinh";

  const recompute = () => {
    const lines = feeLines(dossier, dossier.procedure === "khai-sinh" ? Number(copies.value) : 0);
    const sum = lines.reduce((s, l) => s + l.amount, 0);
    tbody.replaceChildren(
      ...lines.map((l) =>
        h("tr", {}, [
          h("th", { attrs: { scope: "row" } }, [l.label, h("span", { className: "fee-note" }, l.note)]),
          h("td", {}, money(l.amount)),
        ]),
      ),
    );
    total.textContent = money(sum);
    amount.value = String(sum);
    gatewaySection.hidden = sum === 0;
    button.textContent = sum === 0 ? "Hoàn tất nộp hồ sơ" : "Thanh toán";
    return sum;
  };
  copies.addEventListener("change", recompute);
  recompute();

  enhanceForm(form, () => {
    const paid = recompute();
    const status = document.getElementById("payment-status");
    button.disabled = true;
    button.setAttribute("aria-disabled", "true");
    status.replaceChildren(
      h("span", { className: "spinner", attrs: { "aria-hidden": "true" } }),
      h("span", {}, paid ? "Đang kết nối cổng thanh toán…" : "Đang nộp hồ sơ…"),
    );
    status.hidden = false;
    setTimeout(() => {
      const code = nextDossierCode(procedure.codePrefix);
      const record = {
        code,
        procedure: dossier.procedure,
        procedureName: procedure.name,
        agency: procedure.agency,
        submittedAt: new Date().toISOString(),
        paid,
        gateway: paid ? valueOf(form, "gateway") : null,
        delivery: dossier.fields?.delivery ?? null,
      };
      store.set(KEYS.submitted, [...submittedDossiers(), record]);
      store.remove(KEYS.dossier);
      location.assign("/ho-so/da-nop");
    }, 900);
  });
}

function initSubmitted() {
  const last = submittedDossiers().at(-1);
  if (!last) {
    document.getElementById("submitted-empty").hidden = false;
    return;
  }
  document.getElementById("dossier-code").textContent = last.code;
  document.getElementById("submitted-summary").textContent = `${last.procedureName} · ${last.agency}`;
  document.getElementById("submitted-at").textContent = formatDateTime(last.submittedAt);
  document.getElementById("submitted-paid").textContent = money(last.paid ?? 0);
  document.getElementById("submitted-delivery").textContent =
    last.procedure === "tam-tru" ? "Cập nhật vào Cơ sở dữ liệu về cư trú" : DELIVERY_TEXT[last.delivery] ?? "Bản điện tử trong tài khoản";
  document.getElementById("next-step-draft").hidden = last.procedure !== "khai-sinh";
  const code = encodeURIComponent(last.code);
  document.getElementById("lookup-this").href = `/tra-cuu?ma=${code}`;
  document.getElementById("rate-link").href = `/danh-gia?ma=${code}`;
  document.getElementById("submitted").hidden = false;
}

function renderStatusCard(record, code) {
  if (!record) {
    return h("article", { className: "status-card", tabIndex: -1, attrs: { "aria-labelledby": "status-title" } }, [
      h("div", { className: "status-card__body" }, [
        h("h2", { id: "status-title" }, ["Không tìm thấy hồ sơ ", h("span", { className: "code" }, code)]),
        h("p", {}, "Hãy kiểm tra lại mã hồ sơ. Hồ sơ vừa nộp trực tiếp tại Bộ phận Một cửa có thể mất đến 01 ngày làm việc mới tra cứu được."),
        h("p", { className: "muted" }, ["Cần hỗ trợ? Gọi ", h("a", { href: "tel:19000000" }, "1900 0000"), "."]),
      ]),
    ]);
  }
  const statusClass = `badge badge--${record.status}`;
  return h("article", { className: "status-card", tabIndex: -1, attrs: { "aria-labelledby": "status-title" } }, [
    h("div", { className: "status-card__head" }, [
      h("h2", { id: "status-title" }, ["Hồ sơ ", h("span", { className: "code" }, record.code)]),
      h("span", { className: statusClass, attrs: { "data-dvc": "lookup-status" } }, record.statusText ?? STATUS_TEXT[record.status]),
    ]),
    h("div", { className: "status-card__body" }, [
      h("dl", { className: "summary-list" }, [
        h("div", { className: "summary-list__row" }, [h("dt", {}, "Thủ tục"), h("dd", {}, record.procedure)]),
        h("div", { className: "summary-list__row" }, [h("dt", {}, "Cơ quan giải quyết"), h("dd", {}, record.agency)]),
        h("div", { className: "summary-list__row" }, [h("dt", {}, "Cập nhật lần cuối"), h("dd", {}, formatDateTime(record.updatedAt))]),
      ]),
      h("h3", {}, "Quá trình xử lý"),
      h(
        "ol",
        { className: "timeline" },
        record.history.map((step) =>
          h("li", {}, [
            h("time", { dateTime: step.at }, formatDateTime(step.at)),
            h("strong", {}, STATUS_TEXT[step.status] ?? step.status),
            ": ",
            step.note,
          ]),
        ),
      ),
    ]),
  ]);
}

function initLookup() {
  const form = document.getElementById("lookup-form");
  const input = document.getElementById("lookup-code");
  const result = document.getElementById("lookup-result");
  let latest = 0;

  const lookup = async ({ focus }) => {
    const code = normaliseCode(input.value);
    input.value = code;
    history.replaceState(null, "", `?ma=${encodeURIComponent(code)}`);
    const request = ++latest;
    const record = await findDossier(code);
    if (request !== latest) return; // a newer lookup started meanwhile
    const card = renderStatusCard(record, code);
    result.replaceChildren(card);
    if (focus) card.focus();
  };

  enhanceForm(form, () => void lookup({ focus: true }));
  const initial = new URLSearchParams(location.search).get("ma");
  if (initial) {
    input.value = initial;
    // Opened from a link: show the result (or the format error) without stealing focus from the page top.
    if (validateForm(form)) void lookup({ focus: false });
  }
}

function initRating() {
  const form = document.getElementById("rating-form");
  const comment = document.getElementById("rating-comment");
  const count = document.getElementById("rating-comment-count");
  const max = 500;
  const updateCount = () => {
    const left = max - comment.value.length;
    count.textContent = left >= 0 ? `Còn ${left} ký tự` : `Vượt quá ${-left} ký tự`;
  };
  comment.addEventListener("input", updateCount);
  updateCount();

  const code = normaliseCode(new URLSearchParams(location.search).get("ma") ?? "");
  if (DOSSIER_CODE.test(code)) document.getElementById("rating-dossier").value = code;

  enhanceForm(form, () => {
    const rating = valueOf(form, "rating");
    const label = document.querySelector(`label[for="rating-${rating}"]`)?.textContent.replace(/^\d/, "").trim();
    const thanks = document.getElementById("rating-thanks");
    document.getElementById("rating-thanks-text").textContent =
      `Bạn đã chọn mức ${rating}/5 (${label}). Ý kiến của bạn đã được ghi nhận và sẽ được tổng hợp gửi lãnh đạo phường.`;
    form.hidden = true;
    thanks.hidden = false;
    thanks.focus();
  });
}

function initLogin() {
  const next = safeNext(new URLSearchParams(location.search).get("next"));
  if (next) document.getElementById("login-vneid").href = `/dang-nhap/vneid?next=${encodeURIComponent(next)}`;
}

function initVneid() {
  const form = document.getElementById("vneid-form");
  enhanceForm(form, () => {
    const button = document.getElementById("vneid-confirm");
    const id = valueOf(form, "personalId").replace(/\s+/g, "");
    button.disabled = true;
    document.getElementById("vneid-waiting").hidden = false;
    setTimeout(() => {
      store.set(KEYS.user, { name: DEMO_CITIZEN_NAME, personalId: id, level: 2, loggedInAt: new Date().toISOString() });
      location.assign(safeNext(new URLSearchParams(location.search).get("next")) ?? "/tai-khoan");
    }, 1500);
  });
}

function initAccount() {
  const user = currentUser();
  if (!user) return;
  document.getElementById("account-guest").hidden = true;
  document.getElementById("account-user").hidden = false;
  document.getElementById("account-name").textContent = user.name;
  document.getElementById("account-fullname").textContent = user.name;
  const id = String(user.personalId ?? "");
  document.getElementById("account-id").textContent = id.length > 4 ? `${"•".repeat(id.length - 4)}${id.slice(-4)}` : id;
  document.getElementById("logout").addEventListener("click", signOut);

  const rows = [
    ...submittedDossiers()
      .slice()
      .reverse()
      .map((d) => ({ code: d.code, procedure: d.procedureName, at: d.submittedAt, status: "received" })),
    ...["H01.99-261126-0003", "H01.99-260101-0001"].map((code) => {
      const d = DEMO_DOSSIERS[code];
      return { code, procedure: d.procedure, at: d.history[0].at, status: d.status };
    }),
  ];
  document.getElementById("my-dossiers-body").replaceChildren(
    ...rows.map((row) =>
      h("tr", {}, [
        h("td", {}, h("a", { className: "code", href: `/tra-cuu?ma=${encodeURIComponent(row.code)}` }, row.code)),
        h("td", {}, row.procedure),
        h("td", {}, formatDate(row.at)),
        h("td", {}, h("span", { className: `badge badge--${row.status}` }, STATUS_TEXT[row.status])),
      ]),
    ),
  );
}

/**
 * The guided-tour fixture (/kiem-thu/huong-dan): a web component with an open shadow root,
 * and a button that appears late (`?tre=<ms>` after the component's button is pressed,
 * default 1200 ms), as content loaded on demand does.
 */
function initTourFixture() {
  if (!customElements.get("dvc-demo-card")) {
    customElements.define(
      "dvc-demo-card",
      class extends HTMLElement {
        connectedCallback() {
          if (this.shadowRoot) return;
          const root = this.attachShadow({ mode: "open" });
          const button = h("button", { type: "button", attrs: { "data-dvc": "shadow-button" } }, "Mở thẻ trong shadow DOM");
          root.append(h("p", {}, "Nội dung bên trong một thành phần web."), button);
        }
      },
    );
  }
  // Pressing the button inside the component "loads" a result: it appears after a delay.
  const delay = Number(new URLSearchParams(location.search).get("tre") ?? 1200);
  document.querySelector("dvc-demo-card").shadowRoot.querySelector("button").addEventListener("click", () => {
    setTimeout(() => {
      document.getElementById("late-slot").replaceChildren(
        h("button", { className: "btn", type: "button", attrs: { "data-dvc": "late-button" } }, "Kết quả đã sẵn sàng"),
      );
    }, Number.isFinite(delay) ? delay : 1200);
  });
}

/** Page initialisers by clean path. */
const PAGES = {
  "/thu-tuc": initProcedureList,
  "/thu-tuc/chi-tiet": initProcedureDetail,
  "/thu-tuc/khai-sinh/nop": initBirthForm,
  "/thu-tuc/khai-sinh/xac-nhan": initReview,
  "/thanh-toan": initPayment,
  "/ho-so/da-nop": initSubmitted,
  "/tra-cuu": initLookup,
  "/cu-tru/tam-tru": initResidenceForm,
  "/danh-gia": initRating,
  "/dang-nhap": initLogin,
  "/dang-nhap/vneid": initVneid,
  "/tai-khoan": initAccount,
  "/kiem-thu/huong-dan": initTourFixture,
};

initHeader();
initNavToggle();
initErrorSummaryLinks();
PAGES[location.pathname.replace(/\/+$/, "") || "/"]?.();
