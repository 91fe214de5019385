import { describe, expect, it } from 'vitest';
import { compileCorpus } from '../../../build/corpus/compile.js';
import { formatDiagnostic } from '../../../build/corpus/diagnostics.js';
import { readEntryFile } from '../../../build/corpus/entry-file.js';

const BAD = 'test/fixtures/corpus-bad';

describe('compiling a corpus with mistakes', () => {
  it('reports every problem at once, as file:line: message, and builds nothing', async () => {
    const result = await compileCorpus(BAD, { today: '2026-11-28' });
    expect(result.artifact).toBeUndefined();
    expect(result.json).toBeUndefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      `${BAD}/en/only-english.md:2: warning: English entry \`only-english\` has no Vietnamese entry vi/only-english.md`,
      `${BAD}/tours/dang-ky-tam-tru.json:1: \`title\` must be an object {"vi": "…", "en": "…"}`,
      `${BAD}/tours/dang-ky-tam-tru.json:1: \`start\` must be a path pattern such as /thu-tuc/khai-sinh*`,
      `${BAD}/tours/dang-ky-tam-tru.json:1: \`steps\` must be a non-empty list`,
      expect.stringMatching(new RegExp(`^${BAD}/tours/hong.json:\\d+: not valid JSON: `)),
      `${BAD}/tours/loi-buoc.json:3: \`version\` must be a whole number ≥ 1 (raise it whenever the steps change)`,
      `${BAD}/tours/loi-buoc.json:4: \`en\` text is missing or empty`,
      `${BAD}/tours/loi-buoc.json:5: \`start\` must be a same-site path starting with a single /`,
      `${BAD}/tours/loi-buoc.json:9: \`url\` must be a path only (no query, hash or spaces)`,
      `${BAD}/tours/loi-buoc.json:10: unknown locator ["xpath"]; use one of dvc, id, role, label, text, css`,
      `${BAD}/tours/loi-buoc.json:13: \`complete\` must be {"on": one of next, click, input, checked, url, element}`,
      `${BAD}/tours/loi-buoc.json:16: step id "mot" is already used by step 1`,
      `${BAD}/tours/loi-buoc.json:20: \`complete.on: "input"\` needs the step to have a target`,
      `${BAD}/tours/loi-buoc.json:20: \`pattern\` must be a valid regular expression`,
      `${BAD}/tours/loi-buoc.json:21: \`wait\` must be a number of milliseconds from 0 to 20000`,
      `${BAD}/tours/loi-buoc.json:22: unknown field \`onClick\` (fields: id, url, target, title, body, placement, complete, error, wait, try)`,
      `${BAD}/vi/bad-date.md:13: updated \`2026-02-30\` is not a real date`,
      `${BAD}/vi/bad-lists.md:5: \`questions\` must be a list (one \`- item\` per line)`,
      `${BAD}/vi/bad-lists.md:12: link 2 needs a \`url\``,
      `${BAD}/vi/bad-values.md:12: \`procedure\` must be text (quote it, e.g. procedure: "1.004194")`,
      `${BAD}/vi/bad-values.md:15: source \`dichvucong.gov.vn\` must be an http(s) URL`,
      `${BAD}/vi/empty-body.md:16: the answer is empty: write it below the closing \`---\``,
      `${BAD}/vi/empty-question.md:7: item 2 of \`questions\` is empty`,
      `${BAD}/vi/future-date.md:12: updated \`2099-01-01\` is in the future (today is 2026-11-28)`,
      `${BAD}/vi/it-cau-hoi.md:5: \`questions\` needs at least 6 items`,
      `${BAD}/vi/missing-fields.md:1: missing field \`title\``,
      `${BAD}/vi/missing-fields.md:1: missing field \`sources\``,
      `${BAD}/vi/no-front-matter.md:1: missing YAML front matter: the file must start with a line \`---\``,
      `${BAD}/vi/repeated-question.md:7: question "lam lai giay to bi mat" repeats ${BAD}/vi/repeated-question.md:6 (same words once accents are removed)`,
      `${BAD}/vi/tam-tru-copy.md:2: id \`tam-tru\` must equal the file name \`tam-tru-copy.md\``,
      `${BAD}/vi/tam-tru-copy.md:2: id \`tam-tru\` is already used by ${BAD}/vi/tam-tru.md:2`,
      `${BAD}/vi/trung-cau-hoi.md:6: question "dang ky tam tru online nhu the nao" repeats ${BAD}/vi/tam-tru.md:6 (same words once accents are removed)`,
      `${BAD}/vi/unclosed.md:1: the front matter is not closed: add a line \`---\` after the last field`,
      `${BAD}/vi/unknown-field.md:4: unknown field \`tittle\` (fields: id, lang, title, questions, tags, topic, tour, links, procedure, updated, sources)`,
      `${BAD}/vi/unknown-references.md:12: tour \`khong-co-tour-nay\` does not exist in tours/ (known: dang-ky-tam-tru, hong, loi-buoc)`,
      `${BAD}/vi/unknown-references.md:13: topic \`khong-co-muc-nay\` is not the id of any entry`,
      `${BAD}/vi/wrong-lang.md:3: lang \`en\` does not match the folder \`vi/\` (use vi or en, as the folder)`,
      `${BAD}/vi/yaml-syntax.md:4: YAML: Nested mappings are not allowed in compact mappings (a value containing \`: \` must be quoted: title: "Đăng ký: hướng dẫn")`,
    ]);
  });
});

describe('reading one entry file', () => {
  const context = { file: 'corpus/vi/khai-sinh.md', folderLang: 'vi' as const, name: 'khai-sinh', today: '2026-11-28', minQuestions: 1 };
  const valid = [
    '---',
    'id: khai-sinh',
    'lang: vi',
    'title: Đăng ký khai sinh',
    'questions:',
    '  - làm giấy khai sinh cho con',
    'updated: 2026-11-20',
    'sources:',
    '  - https://dichvucong.gov.vn/',
    '---',
    'Được.',
  ];
  const messages = (lines: string[]) =>
    readEntryFile(lines.join('\n'), context).diagnostics.map((diagnostic) => `${diagnostic.line}: ${diagnostic.message}`);

  it('fills optional fields with their defaults', () => {
    const { parsed, diagnostics } = readEntryFile(valid.join('\r\n'), context);
    expect(diagnostics).toEqual([]);
    expect(parsed?.entry).toEqual({
      id: 'khai-sinh',
      lang: 'vi',
      title: 'Đăng ký khai sinh',
      topic: 'khai-sinh',
      questions: ['làm giấy khai sinh cho con'],
      tags: [],
      answer: 'Được.',
      updated: '2026-11-20',
      sources: ['https://dichvucong.gov.vn/'],
      links: [],
    });
    expect(parsed?.phrasingLines).toEqual([4, 6]);
  });

  it('reports duplicate keys, tabs and unclosed quotes with their YAML line', () => {
    expect(messages([...valid.slice(0, 4), 'title: Lặp lại', ...valid.slice(4)])).toEqual([
      '5: YAML: Map keys must be unique (each field may appear once)',
    ]);
    expect(messages([...valid.slice(0, 3), 'title: "chưa đóng', ...valid.slice(4)])[0]).toMatch(/^\d+: YAML: Missing closing "quote/);
  });

  it('refuses ids that are not kebab-case and values of the wrong type', () => {
    expect(messages(['---', 'id: Khai_Sinh', ...valid.slice(2)])).toEqual([
      '2: id `Khai_Sinh` must be kebab-case ASCII (lowercase letters, digits and dashes)',
    ]);
    expect(messages([...valid.slice(0, 5), '  - 2025', ...valid.slice(6)])).toEqual(['6: item 1 of `questions` must be text']);
    expect(messages([...valid.slice(0, 6), 'tags: cư trú', ...valid.slice(6)])).toEqual(['7: `tags` must be a list (one `- item` per line)']);
    expect(messages([...valid.slice(0, 6), 'updated: 2026-1-5', ...valid.slice(7)])).toEqual([
      '7: updated `2026-1-5` must be a date written YYYY-MM-DD',
    ]);
  });
});
