/**
 * Staff page (`/staff`): asks for the staff token, keeps it in this tab's sessionStorage (no cookies), sends
 * it as a bearer token to `GET /api/v1/stats`, and draws the indicators as text plus SVG bars.
 *
 * No innerHTML: every string from the server (questions citizens typed) goes in through textContent.
 * No inline styles: bar lengths are SVG `width` attributes, which the page's `style-src 'self'` allows.
 */

const TOKEN_KEY = "dvc-staff-token";
const STATS_URL = "/api/v1/stats";
const SVG_NS = "http://www.w3.org/2000/svg";
const DAY_MS = 24 * 60 * 60 * 1000;

const number = new Intl.NumberFormat("vi-VN");
const decimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const time = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const date = new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric" });

/** sessionStorage, or memory when the browser blocks it (the page still works for this visit). */
const tokenStore = (() => {
  let memory = null;
  return {
    get() {
      try {
        return sessionStorage.getItem(TOKEN_KEY);
      } catch {
        return memory;
      }
    },
    set(value) {
      memory = value;
      try {
        sessionStorage.setItem(TOKEN_KEY, value);
      } catch {
        // Blocked storage: the token lives in memory until the tab closes.
      }
    },
    clear() {
      memory = null;
      try {
        sessionStorage.removeItem(TOKEN_KEY);
      } catch {
        // Nothing stored.
      }
    },
  };
})();

const $ = (id) => document.getElementById(id);
const els = {
  error: $("staff-error"),
  errorText: $("staff-error-text"),
  login: $("staff-login"),
  token: $("staff-token"),
  dashboard: $("staff-dashboard"),
  title: $("staff-dashboard-title"),
  filter: $("staff-filter"),
  period: $("staff-period"),
  logout: $("staff-logout"),
  updated: $("staff-updated"),
  gapsTable: $("gaps-table"),
  gapsEmpty: $("gaps-empty"),
};

/* ---------- Pure helpers ---------- */

/** Share of `part` in `whole` as a whole percentage (0 when `whole` is 0). */
function percent(part, whole) {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** `?since=…` for the chosen period, or "" for all time. */
function sinceQuery(period, now) {
  if (period === "all") return "";
  const since = new Date(now - Number(period) * DAY_MS);
  return `?since=${encodeURIComponent(since.toISOString())}`;
}

/**
 * The rows of each chart: label, value, bar length (0–100) and the text read out.
 * @param {any} s - the stats reply
 */
function chartRows(s) {
  const suggested = Math.max(0, s.questions - s.answeredOffline - s.handedOff);
  const feedbackTotal = s.feedback.up + s.feedback.down + s.feedback.missing;
  const withShare = (label, value, whole, tone) => ({
    label,
    value: `${number.format(value)} (${percent(value, whole)}%)`,
    bar: percent(value, whole),
    tone,
  });
  return {
    answers: [
      withShare("Trả lời ngay trên trang", s.answeredOffline, s.questions, "good"),
      withShare("Gợi ý để người dân chọn", suggested, s.questions, "neutral"),
      withShare("Chuyển cho chatbot trung tâm", s.handedOff, s.questions, "warn"),
    ],
    feedback: [
      withShare("Hữu ích", s.feedback.up, feedbackTotal, "good"),
      withShare("Chưa hữu ích", s.feedback.down, feedbackTotal, "bad"),
      withShare("Báo thiếu nội dung", s.feedback.missing, feedbackTotal, "warn"),
    ],
    csat:
      s.csat.count === 0
        ? [{ label: "Điểm trung bình", value: "Chưa có đánh giá", bar: 0, tone: "neutral" }]
        : [
            {
              label: "Điểm trung bình",
              value: `${decimal.format(s.csat.mean)} / 5 (${number.format(s.csat.count)} lượt)`,
              bar: Math.round((s.csat.mean / 5) * 100),
              tone: s.csat.mean >= 4 ? "good" : s.csat.mean >= 3 ? "neutral" : "bad",
            },
          ],
    tours: [
      withShare("Bắt đầu", s.tours.started, s.tours.started, "neutral"),
      withShare("Làm đến bước cuối", s.tours.completed, s.tours.started, "good"),
      withShare("Nộp được hồ sơ", s.tours.filingsGuided, s.tours.started, "good"),
    ],
  };
}

/* ---------- Drawing ---------- */

/** One bar row: label and value as text, the bar as a decorative SVG. */
function barRow({ label, value, bar, tone }) {
  const li = document.createElement("li");
  li.className = "staff-bar";
  const name = document.createElement("span");
  name.className = "staff-bar__label";
  name.textContent = label;
  const amount = document.createElement("span");
  amount.className = "staff-bar__value";
  amount.textContent = value;
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "staff-bar__track");
  svg.setAttribute("viewBox", "0 0 100 10");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const track = document.createElementNS(SVG_NS, "rect");
  track.setAttribute("class", "staff-bar__bg");
  track.setAttribute("width", "100");
  track.setAttribute("height", "10");
  const fill = document.createElementNS(SVG_NS, "rect");
  fill.setAttribute("class", `staff-bar__fill staff-bar__fill--${tone}`);
  fill.setAttribute("width", String(Math.max(0, Math.min(100, bar))));
  fill.setAttribute("height", "10");
  svg.append(track, fill);
  li.append(name, amount, svg);
  return li;
}

function render(stats, period) {
  for (const dd of document.querySelectorAll("[data-stat]")) {
    const key = dd.getAttribute("data-stat");
    if (key === "csat") {
      dd.textContent = stats.csat.count === 0 ? "Chưa có" : `${decimal.format(stats.csat.mean)} / 5`;
    } else if (key === "filingsGuided") {
      dd.textContent = number.format(stats.tours.filingsGuided);
    } else {
      dd.textContent = number.format(stats[key]);
    }
  }
  const rows = chartRows(stats);
  for (const container of document.querySelectorAll("[data-chart]")) {
    const list = document.createElement("ul");
    list.className = "staff-bars__list";
    list.append(...rows[container.getAttribute("data-chart")].map(barRow));
    container.replaceChildren(list);
  }
  const body = els.gapsTable.tBodies[0];
  body.replaceChildren(
    ...stats.gaps.map((gap) => {
      const tr = document.createElement("tr");
      const question = document.createElement("td");
      question.textContent = gap.question;
      const count = document.createElement("td");
      count.className = "staff-gaps__count";
      count.textContent = number.format(gap.count);
      tr.append(question, count);
      return tr;
    }),
  );
  els.gapsTable.hidden = stats.gaps.length === 0;
  els.gapsEmpty.hidden = stats.gaps.length > 0;
  const now = new Date();
  const range = period === "all" ? "từ trước đến nay" : `từ ${date.format(new Date(now.getTime() - Number(period) * DAY_MS))}`;
  els.updated.textContent = `Số liệu ${range}, cập nhật lúc ${time.format(now)}.`;
}

/* ---------- Flow ---------- */

function showError(message) {
  els.errorText.textContent = message;
  els.error.hidden = false;
  els.error.focus();
}

function showLogin() {
  els.dashboard.hidden = true;
  els.login.hidden = false;
}

/**
 * Fetches and draws the indicators.
 * @param {{ focusResults: boolean }} options - move focus to the results (after logging in)
 */
async function load({ focusResults }) {
  const token = tokenStore.get();
  if (!token) {
    showLogin();
    return;
  }
  const period = els.period.value;
  let res;
  try {
    res = await fetch(STATS_URL + sinceQuery(period, Date.now()), {
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
      cache: "no-store",
    });
  } catch {
    showError("Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.");
    return;
  }
  if (res.status === 401) {
    tokenStore.clear();
    showLogin();
    els.token.value = "";
    showError("Mã truy cập không đúng hoặc đã được thay đổi. Bạn nhập lại mã nhé.");
    return;
  }
  if (res.status === 429) {
    showError(`Bạn cập nhật quá nhiều lần. Thử lại sau ${res.headers.get("Retry-After") ?? "ít"} giây.`);
    return;
  }
  if (!res.ok) {
    showError("Máy chủ đang gặp lỗi, chưa lấy được số liệu. Thử lại sau ít phút.");
    return;
  }
  const stats = await res.json();
  els.error.hidden = true;
  els.login.hidden = true;
  els.dashboard.hidden = false;
  render(stats, period);
  if (focusResults) els.title.focus();
}

els.login.addEventListener("submit", (event) => {
  event.preventDefault();
  const token = els.token.value.trim();
  if (token === "") {
    showError("Bạn chưa nhập mã truy cập.");
    return;
  }
  tokenStore.set(token);
  void load({ focusResults: true });
});

els.filter.addEventListener("submit", (event) => {
  event.preventDefault();
  void load({ focusResults: false });
});

els.period.addEventListener("change", () => void load({ focusResults: false }));

els.logout.addEventListener("click", () => {
  tokenStore.clear();
  els.token.value = "";
  els.error.hidden = true;
  showLogin();
  els.token.focus();
});

void load({ focusResults: false });
