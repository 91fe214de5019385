import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../build/corpus/cli.js';
import { compileCorpus, phrasingKey, todayInVietnam } from '../../../build/corpus/compile.js';
import { FORMAT_VERSION } from '../../../src/search/core/serialise.js';

const FIXTURE = 'test/fixtures/corpus';
const TODAY = '2026-11-28';
const temporary: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dvc-corpus-'));
  temporary.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs the CLI in-process and returns its exit code and stderr lines. */
async function run(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, { error: (line) => lines.push(line), today: TODAY });
  return { code, lines };
}

describe('compileCorpus', () => {
  it('compiles the fixture corpus without diagnostics, entries sorted by language then id', async () => {
    const { diagnostics, artifact } = await compileCorpus(FIXTURE, { today: TODAY });
    expect(diagnostics).toEqual([]);
    expect(artifact?.format).toBe(FORMAT_VERSION);
    expect(artifact?.modelId).toBeNull();
    expect(artifact?.createdFrom).toBe(10);
    expect(artifact?.corpusHash).toMatch(/^[0-9a-f]{16}$/);
    expect(artifact?.entries.map((entry) => `${entry.lang}/${entry.id}`)).toEqual([
      'en/can-cuoc',
      'en/khai-sinh',
      'vi/bhyt-gia-han',
      'vi/can-cuoc',
      'vi/doi-gplx',
      'vi/ho-so-tra-cuu',
      'vi/khai-sinh',
      'vi/lien-thong-khai-sinh',
      'vi/tai-khoan-dang-nhap-vneid',
      'vi/tam-tru',
    ]);
    expect(artifact?.entries.find((entry) => entry.id === 'tam-tru')).toMatchObject({ tour: 'dang-ky-tam-tru', topic: 'tam-tru' });
  });

  it('is deterministic: compiling twice gives the same bytes', async () => {
    const first = await compileCorpus(FIXTURE, { today: TODAY });
    const second = await compileCorpus(FIXTURE, { today: TODAY });
    expect(second.json).toBe(first.json);
  });

  it('hashes content, not formatting', async () => {
    const dir = await tempDir();
    await cp(FIXTURE, dir, { recursive: true });
    const original = (await compileCorpus(dir, { today: TODAY })).artifact!.corpusHash;
    const file = path.join(dir, 'vi', 'doi-gplx.md');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/\n/g, '\r\n').replace('tags: [giao thông, GPLX]', 'tags:\n  - giao thông\n  - GPLX'));
    expect((await compileCorpus(dir, { today: TODAY })).artifact!.corpusHash).toBe(original);
    await writeFile(file, text.replace('đổi bằng lái xe online', 'đổi bằng lái xe trực tuyến'));
    expect((await compileCorpus(dir, { today: TODAY })).artifact!.corpusHash).not.toBe(original);
  });

  it('compares phrasings by their search keys', () => {
    expect(phrasingKey('Đăng ký tạm trú?')).toBe(phrasingKey('dang ki  tam tru'));
    expect(phrasingKey('…')).toBe('');
  });

  it('takes today in Việt Nam time', () => {
    expect(todayInVietnam(Date.UTC(2026, 10, 27, 18, 0))).toBe('2026-11-28');
    expect(todayInVietnam(Date.UTC(2026, 10, 27, 16, 0))).toBe('2026-11-27');
  });
});

describe('corpus CLI', () => {
  it('check validates and writes nothing', async () => {
    const { code, lines } = await run('check', '--dir', FIXTURE);
    expect(code).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^corpus: 8 vi \+ 2 en entries, 60 questions, \d+ bytes \(\d+ gzip\) \(checked, nothing written\)$/),
      'corpus: 1 tours (checked)',
    ]);
  });

  it('build creates the output folder and writes the artifact atomically, with identical bytes each time', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'nested', 'dist', 'corpus.json');
    const first = await run('build', '--dir', FIXTURE, '--out', out);
    expect(first.code).toBe(0);
    expect(first.lines).toEqual([
      expect.stringMatching(/^corpus: 8 vi \+ 2 en entries, 60 questions, \d+ bytes \(\d+ gzip\) → .*corpus\.json$/),
      expect.stringMatching(/^corpus: 1 tours → .*nested\/dist\/tours\.json$/),
    ]);
    const bytes = await readFile(out);
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ format: FORMAT_VERSION, createdFrom: 10 });
    expect(await run('build', '--dir', FIXTURE, '--out', out)).toMatchObject({ code: 0 });
    expect((await readFile(out)).equals(bytes)).toBe(true);
    expect(await readdir(path.dirname(out))).toEqual(['corpus.json', 'tours.json']);
  });

  it('build with errors exits 1, prints every error and leaves the previous output untouched', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'corpus.json');
    await writeFile(out, 'previous');
    const { code, lines } = await run('build', '--dir', 'test/fixtures/corpus-bad', '--out', out);
    expect(code).toBe(1);
    expect(lines.filter((line) => /^test\/fixtures\/corpus-bad\/.+\.md:\d+: /.test(line))).toHaveLength(23);
    expect(lines.filter((line) => /^test\/fixtures\/corpus-bad\/tours\/.+\.json:\d+: /.test(line))).toHaveLength(15);
    expect(lines.at(-1)).toBe('corpus: 37 errors, nothing written');
    expect(await readFile(out, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['corpus.json']);
  });

  it('rejects a bad command line with exit code 2 and a missing folder with 1', async () => {
    expect(await run()).toMatchObject({ code: 2 });
    expect(await run('compile')).toMatchObject({ code: 2, lines: ['corpus: unknown command `compile`', expect.stringContaining('usage:')] });
    expect(await run('build', '--out')).toMatchObject({ code: 2 });
    expect(await run('check', '--dir', 'test/fixtures/no-such-corpus')).toEqual({
      code: 1,
      lines: ['corpus: folder not found: test/fixtures/no-such-corpus'],
    });
  });

  it('runs as a script through tsx', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'corpus.json');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'build/corpus/cli.ts', 'build', '--dir', FIXTURE, '--out', out],
      { cwd: process.cwd() },
    );
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^corpus: 8 vi \+ 2 en entries/);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ createdFrom: 10 });
    // Starting tsx in a child process takes several seconds when the two cores are busy.
  }, 30_000);
});
