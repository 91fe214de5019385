import { describe, expect, it } from 'vitest';
import { DEFAULT_SURVEY, shouldSurvey } from '../../../src/feedback/survey.js';

const day = 24 * 60 * 60 * 1000;

describe('sampling the satisfaction survey', () => {
  it('asks a sample of citizens', () => {
    expect(shouldSurvey({ lastShownAt: null, shownThisSession: false, now: 0, random: 0 })).toBe(true);
    expect(shouldSurvey({ lastShownAt: null, shownThisSession: false, now: 0, random: DEFAULT_SURVEY.rate })).toBe(false);
  });

  it('asks at most once a session and not again within the cooldown', () => {
    expect(shouldSurvey({ lastShownAt: null, shownThisSession: true, now: 0, random: 0 })).toBe(false);
    expect(shouldSurvey({ lastShownAt: 0, shownThisSession: false, now: 29 * day, random: 0 })).toBe(false);
    expect(shouldSurvey({ lastShownAt: 0, shownThisSession: false, now: 31 * day, random: 0 })).toBe(true);
  });
});
