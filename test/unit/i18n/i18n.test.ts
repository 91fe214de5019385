import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en.js';
import { formatDate, langFromTag, list, t } from '../../../src/i18n/i18n.js';
import { vi } from '../../../src/i18n/vi.js';

describe('i18n', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('vi', 'subtitleAgency', { agency: 'UBND phường Ba Đình' })).toBe('Hỗ trợ của UBND phường Ba Đình');
    expect(t('en', 'updated')).toBe('Updated {date}');
  });

  it('gives the greeting a few suggested questions in each language', () => {
    expect(list('vi', 'suggestedQuestions').length).toBeGreaterThanOrEqual(3);
    expect(list('en', 'suggestedQuestions').length).toBe(list('vi', 'suggestedQuestions').length);
  });

  it('picks English only for an English page language', () => {
    expect(langFromTag('en-GB')).toBe('en');
    expect(langFromTag('EN')).toBe('en');
    expect(langFromTag('vi-VN')).toBe('vi');
    expect(langFromTag('fr')).toBe('vi');
    expect(langFromTag(null)).toBe('vi');
  });

  it('writes dates the way each reader expects', () => {
    expect(formatDate('vi', '2026-01-05')).toBe('05/01/2026');
    expect(formatDate('en', '2026-01-05')).toBe('5 Jan 2026');
    expect(formatDate('vi', 'not a date')).toBe('not a date');
  });
});
