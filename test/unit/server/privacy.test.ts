// Server-side masking of stored free text, and the grouping key of content gaps.
import { describe, expect, it } from 'vitest';
import { gapKey } from '../../../demo/server/api/ask-store.js';
import { pathOnly } from '../../../demo/server/api/events.js';
import { SCRUB_MASKS, scrub } from '../../../demo/server/api/privacy.js';

describe('scrub', () => {
  it.each([
    ['CCCD 001099012345', `CCCD ${SCRUB_MASKS.number}`],
    ['CMND 123.456.789', `CMND ${SCRUB_MASKS.number}`],
    ['gọi +84 912 345 678 nhé', `gọi ${SCRUB_MASKS.number} nhé`],
    ['thư an.nguyen@example.com', `thư ${SCRUB_MASKS.email}`],
    ['hồ sơ 000.00.00.H26-250101-0001 và H01.99-260101-0001', 'hồ sơ 000.00.00.H26-250101-0001 và H01.99-260101-0001'],
    ['lệ phí 8.000 đồng, năm 2026, 60 ngày', 'lệ phí 8.000 đồng, năm 2026, 60 ngày'],
  ])('%s', (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });
});

describe('gapKey', () => {
  it('groups the same question typed with other capitals, spaces and final punctuation', () => {
    const key = gapKey('Làm lại CCCD ở đâu?');
    for (const variant of ['làm lại cccd ở đâu', '  LÀM LẠI  CCCD Ở ĐÂU ??', 'Làm lại CCCD ở đâu…', 'Làm lại CCCD ở đâu.']) {
      expect(gapKey(variant)).toBe(key);
    }
    expect(gapKey('Làm lại CCCD ở đâu? Mất bao lâu?')).not.toBe(key);
  });

  it('treats composed and decomposed Vietnamese as the same text', () => {
    expect(gapKey('Đăng ký khai sinh'.normalize('NFD'))).toBe(gapKey('Đăng ký khai sinh'));
  });
});

describe('pathOnly', () => {
  it.each([
    ['/tra-cuu?ma=H01.99-260101-0001', '/tra-cuu'],
    ['https://dvc.example.gov.vn/thu-tuc/khai-sinh#nop', '/thu-tuc/khai-sinh'],
    ['thu-tuc', '/thu-tuc'],
    ['/', '/'],
  ])('%s → %s', (input, expected) => {
    expect(pathOnly(input)).toBe(expected);
  });
});
