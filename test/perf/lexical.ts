/**
 * Lexical engine timings, the same way in Node and in Chromium: artifact load
 * (`JSON.parse` + `createEngine`, repeated) then query latency over a query mix, after a
 * warm-up, one `performance.now()` pair per `engine.searchLexical` call (the synchronous
 * lexical path; `search` is async because hybrid mode embeds the question first).
 *
 * In Chromium the engine is `src/search/core/engine.ts` bundled for the browser by Vite
 * (library mode, IIFE, minified like the shipped chunks) and served with the artifacts
 * from a loopback server. The page is cross-origin isolated (COOP + COEP), so
 * `performance.now()` is precise to about 5 µs instead of 100 µs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { createEngine } from '../../src/search/core/engine.js';
import { confidence, type GateEvidence } from '../../src/search/core/gate.js';
import { loadLexicalIndex } from '../../src/search/core/lexical.js';
import type { CorpusArtifact } from '../../src/search/core/types.js';

export type QueryKind =
  | 'accented'
  | 'unaccented'
  | 'typo'
  | 'abbreviation'
  | 'english'
  | 'off-domain'
  | 'long'
  /** A question of the synthetic corpus itself, with or without accents. */
  | 'synthetic';

export interface BenchQuery {
  text: string;
  /** The widget's language when the citizen types it. */
  lang: 'vi' | 'en';
  kind: QueryKind;
}

const q = (kind: QueryKind, lang: 'vi' | 'en', texts: string[]): BenchQuery[] => texts.map((text) => ({ text, lang, kind }));

/**
 * What citizens type, written for the benchmark (not taken from the corpus): about a third
 * with accents, the rest without, with Telex leftovers and typos, abbreviations, English,
 * questions the corpus cannot answer, and two pasted paragraphs.
 */
export const QUERIES: readonly BenchQuery[] = [
  ...q('accented', 'vi', [
    'làm lại căn cước công dân ở đâu',
    'đăng ký khai sinh cho con trực tuyến',
    'thủ tục đăng ký kết hôn cần giấy tờ gì',
    'gia hạn thẻ bảo hiểm y tế hộ gia đình',
    'quên mật khẩu tài khoản dịch vụ công',
    'làm hộ chiếu online mất bao lâu',
    'nộp phạt vi phạm giao thông qua mạng',
    'xin phiếu lý lịch tư pháp trên VNeID',
    'tra cứu tình trạng hồ sơ đã nộp',
    'đổi giấy phép lái xe hết hạn',
    'đăng ký tạm trú cho sinh viên thuê trọ',
    'kích hoạt tài khoản định danh điện tử mức 2',
    'chứng thực bản sao điện tử từ bản chính',
    'hồ sơ bị yêu cầu bổ sung thì làm gì',
    'xác nhận tình trạng hôn nhân để đi đăng ký kết hôn',
    'số tổng đài hỗ trợ dịch vụ công Hà Nội',
    'thanh toán lệ phí trực tuyến bằng thẻ ngân hàng',
    'đăng ký thường trú khi chuyển về nhà mới',
    'khai báo tạm vắng ở đâu',
    'Ứng dụng iHanoi dùng để làm gì?',
  ]),
  ...q('unaccented', 'vi', [
    'lam lai cccd o dau',
    'dang ky khai sinh online',
    'dang ky ket hon can gi',
    'quen passcode vneid phai lam sao',
    'lay so thu tu tren ihanoi',
    'xac nhan cu tru khi khong con so ho khau',
    'nop ho so truc tuyen nhu the nao',
    'tai giay to dinh kem bi loi',
    'dai ly dich vu cong o ha noi',
    'danh gia muc do hai long',
  ]),
  ...q('typo', 'vi', [
    'dang kys khai sinh cho con',
    'lamf laij can cuoc',
    'đăng kí tạm trú',
    'ho chieu phô thong lam o dau',
    'giay phep lai xe doi onlin',
    'quen mat khau dang nhapp',
    'ket hôn can giây to gi',
    'khaisinh cho be moi sinh',
  ]),
  ...q('abbreviation', 'vi', [
    'cccd hết hạn đổi ntn',
    'gks cho con làm online dc ko',
    'bhyt hộ gia đình gia hạn ở đâu',
    'lltp số 2 xin trên vneid',
    'gplx đổi onl',
    'tk dvcqg quên mk',
    'xnthn để đăng ký kết hôn',
    'ubnd phường có nhận hồ sơ tạm trú ko',
    'CT07 xác nhận cư trú',
  ]),
  ...q('english', 'en', [
    'how do I renew my ID card',
    'register a birth online for my baby',
    'temporary residence registration when renting a room',
    'check my application status',
    'I forgot my VNeID password',
    'what can this assistant do',
    'hotline for public services in Hanoi',
  ]),
  ...q('english', 'vi', ['how to get a passport in vietnam', 'pay traffic fine online']),
  ...q('off-domain', 'vi', [
    'thời tiết hà nội hôm nay',
    'giá vàng hôm nay bao nhiêu',
    'cách nấu phở bò',
    'xin chào',
    'asdfgh qwerty',
  ]),
  ...q('off-domain', 'en', ['best pho restaurant in hanoi']),
  ...q('long', 'vi', [
    'Chào anh chị, con tôi mới sinh được 2 tuần, tôi muốn làm giấy khai sinh và đăng ký thường trú và thẻ bảo hiểm y tế ' +
      'cho cháu cùng lúc thì có làm trên mạng được không, cần chuẩn bị những giấy tờ gì ạ? Tôi đang ở Hà Nội nhưng hộ khẩu ở quê.',
    'Kính gửi cơ quan chức năng. Tôi đã nộp hồ sơ cấp đổi căn cước trên cổng dịch vụ công từ tháng trước nhưng đến nay ' +
      'vẫn chưa nhận được kết quả, tra cứu thì thấy trạng thái đang xử lý, gọi tổng đài thì không ai nghe máy, ' +
      'tôi muốn phản ánh kiến nghị về việc chậm trễ này và hỏi xem có thể nhận kết quả qua bưu điện về nhà không, ' +
      'vì tôi đi làm cả ngày không lên phường được, xin cảm ơn và mong sớm nhận được phản hồi.',
  ]),
];

// ---------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles, in the samples' unit. */
export function summarise(samples: readonly number[]): Summary {
  const at = (p: number): number => quantile(samples, p);
  return { n: samples.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

export function median(samples: readonly number[]): number {
  return summarise(samples).p50;
}

// ---------------------------------------------------------------------------------------
// One run: load N times, warm up, time every query
// ---------------------------------------------------------------------------------------

export interface RunOptions {
  queries: readonly BenchQuery[];
  /** Times the artifact is parsed and loaded (the last engine answers the queries). */
  loadRuns: number;
  /** Queries run before timing, cycling through the mix (JIT warm-up). */
  warmup: number;
  /** Timed passes over the queries at most. */
  rounds: number;
  /** No new query is timed once this many milliseconds were spent timing… */
  budgetMs: number;
  /** …and at least this many were. */
  minSamples: number;
}

export interface RunResult {
  /** Milliseconds per `JSON.parse` of the artifact text. */
  parse: number[];
  /** Milliseconds per `createEngine` of the parsed artifact. */
  create: number[];
  /** Milliseconds per timed query, in the order timed. */
  samples: number[];
  /** Index in `queries` of each sample's query. */
  queryIndex: number[];
  /**
   * Node only: CPU time of this process over wall time while timing queries. Well under 1
   * means the machine's other jobs took the CPU and the latencies are inflated by about its
   * inverse (GC threads can push it over 1).
   */
  cpuShare?: number;
  /**
   * Node only: CPU milliseconds of this process per timed query (user + system), which
   * neighbours on the machine inflate much less than wall time.
   */
  cpuSamples?: number[];
}

/** The run in this Node process. */
export function runInNode(text: string, options: RunOptions): RunResult {
  const parse: number[] = [];
  const create: number[] = [];
  let engine: ReturnType<typeof createEngine> | undefined;
  for (let i = 0; i < options.loadRuns; i++) {
    const t0 = performance.now();
    const data = JSON.parse(text) as CorpusArtifact;
    const t1 = performance.now();
    engine = createEngine(data);
    const t2 = performance.now();
    parse.push(t1 - t0);
    create.push(t2 - t1);
  }
  if (!engine) throw new Error('runInNode: loadRuns must be at least 1');
  let sink = 0;
  for (let i = 0; i < options.warmup; i++) {
    const query = options.queries[i % options.queries.length]!;
    sink += engine.searchLexical(query.text, { lang: query.lang }).results.length;
  }
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const queryIndex: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  passes: for (let r = 0; r < options.rounds; r++) {
    for (let i = 0; i < options.queries.length; i++) {
      if (samples.length >= options.minSamples && performance.now() - start >= options.budgetMs) break passes;
      const query = options.queries[i]!;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      sink += engine.searchLexical(query.text, { lang: query.lang }).results.length;
      samples.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpuSamples.push((used.user + used.system) / 1000);
      queryIndex.push(i);
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - start);
  if (sink < 0) console.log(sink); // keeps the results observable
  return { parse, create, samples, queryIndex, cpuShare, cpuSamples };
}

/** Samples of one run grouped by query kind. */
export function samplesByKind(result: RunResult, queries: readonly BenchQuery[]): Map<QueryKind, number[]> {
  const byKind = new Map<QueryKind, number[]>();
  result.samples.forEach((sample, i) => {
    const kind = queries[result.queryIndex[i]!]!.kind;
    const list = byKind.get(kind);
    if (list) list.push(sample);
    else byKind.set(kind, [sample]);
  });
  return byKind;
}

/**
 * How much of the corpus a query reaches: per query, the share of entries (0–1) the
 * lexical index returns (any term in any field). The cost of a search grows with it.
 */
export function matchedShares(artifact: CorpusArtifact, queries: readonly BenchQuery[]): number[] {
  const index = loadLexicalIndex(artifact.lexical, artifact.entries);
  return queries.map((query) => index.search(query.text).length / artifact.entries.length);
}

/**
 * How much of the corpus the engine actually scores: per query, the share of entries (0–1)
 * the pruned search (`searchPruned`, default gate, 5 hits) evaluates exactly.
 */
export function evaluatedShares(artifact: CorpusArtifact, queries: readonly BenchQuery[]): number[] {
  const index = loadLexicalIndex(artifact.lexical, artifact.entries);
  const pruning = { confidence: (evidence: GateEvidence) => confidence(evidence), keep: 5 };
  return queries.map((query) => index.searchPruned(query.text, pruning).matches.length / artifact.entries.length);
}

/** The value at quantile `p` (0–1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

// ---------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------

/**
 * The page side of {@link runInNode}, as plain JavaScript: functions handed to
 * `page.evaluate` from a tsx-compiled module may carry esbuild's `__name` helper, which
 * does not exist in the page.
 */
const HARNESS = `
window.runBench = async function (options) {
  const createEngine = window.DvcBenchEngine.createEngine;
  const text = await (await fetch(options.url)).text();
  const parse = [];
  const create = [];
  let engine;
  for (let i = 0; i < options.loadRuns; i++) {
    const t0 = performance.now();
    const data = JSON.parse(text);
    const t1 = performance.now();
    engine = createEngine(data);
    const t2 = performance.now();
    parse.push(t1 - t0);
    create.push(t2 - t1);
  }
  let sink = 0;
  for (let i = 0; i < options.warmup; i++) {
    const query = options.queries[i % options.queries.length];
    sink += engine.searchLexical(query.text, { lang: query.lang }).results.length;
  }
  const samples = [];
  const queryIndex = [];
  const start = performance.now();
  passes: for (let r = 0; r < options.rounds; r++) {
    for (let i = 0; i < options.queries.length; i++) {
      if (samples.length >= options.minSamples && performance.now() - start >= options.budgetMs) break passes;
      const query = options.queries[i];
      const t0 = performance.now();
      sink += engine.searchLexical(query.text, { lang: query.lang }).results.length;
      samples.push(performance.now() - t0);
      queryIndex.push(i);
    }
  }
  if (sink < 0) console.log(sink);
  return { parse, create, samples, queryIndex };
};
`;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dvc-assistant bench</title>
<script src="/engine.js"></script><script src="/harness.js"></script></head><body></body></html>`;

export interface ChromiumBench {
  /** Chromium's version string. */
  version: string;
  /** Whether the page was cross-origin isolated (fine-grained `performance.now()`). */
  isolated: boolean;
  /** Bytes of the bundled engine (minified), raw and gzip -9. */
  engineBytes: { raw: number; gzip: number };
  /** Loads and queries `text` in a fresh page. */
  run(name: string, text: string, options: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

/**
 * Starts the loopback server and launches Chromium, serving `engineJs` (from
 * {@link bundleEngine}; bundle it when the artifacts are built, so both come from the same
 * sources even while the tree is being edited).
 */
export async function startChromium(engineJs: string): Promise<ChromiumBench> {
  const artifacts = new Map<string, string>();
  const server = await listen(
    createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const headers = {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cache-Control': 'no-store',
      };
      const send = (type: string, body: string): void => {
        response.writeHead(200, { ...headers, 'Content-Type': `${type}; charset=utf-8` });
        response.end(body);
      };
      if (url.pathname === '/') return send('text/html', PAGE);
      if (url.pathname === '/engine.js') return send('text/javascript', engineJs);
      if (url.pathname === '/harness.js') return send('text/javascript', HARNESS);
      const artifact = url.pathname.startsWith('/artifacts/') ? artifacts.get(url.pathname.slice('/artifacts/'.length)) : undefined;
      if (artifact !== undefined) return send('application/json', artifact);
      response.writeHead(404, headers);
      response.end();
    }),
  );
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic'],
    });
  } catch (error) {
    server.close();
    throw error;
  }
  const context = await browser.newContext();
  const probe = await context.newPage();
  await probe.goto(`${origin}/`);
  const isolated = await probe.evaluate('self.crossOriginIsolated === true');
  await probe.close();

  return {
    version: browser.version(),
    isolated: isolated === true,
    engineBytes: { raw: Buffer.byteLength(engineJs), gzip: gzipSync(engineJs, { level: 9 }).length },
    async run(name, text, options) {
      artifacts.set(name, text);
      const page = await context.newPage();
      try {
        await page.goto(`${origin}/`);
        const result = await page.evaluate(
          ([args]) => (window as unknown as { runBench(o: unknown): Promise<RunResult> }).runBench(args),
          [{ ...options, url: `/artifacts/${name}` }],
        );
        return result;
      } finally {
        await page.close();
        artifacts.delete(name);
      }
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `src/search/core/engine.ts` as one minified IIFE exposing `window.DvcBenchEngine`. */
export async function bundleEngine(): Promise<string> {
  const output = await build({
    configFile: false,
    root: process.cwd(),
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      target: 'es2021',
      minify: true,
      reportCompressedSize: false,
      emptyOutDir: false,
      lib: {
        entry: 'src/search/core/engine.ts',
        name: 'DvcBenchEngine',
        formats: ['iife'],
        fileName: () => 'engine.js',
      },
    },
  });
  for (const result of Array.isArray(output) ? output : [output]) {
    if (!('output' in result)) continue;
    for (const chunk of result.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
  }
  throw new Error('bench: Vite produced no engine bundle');
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
