/**
 * When to ask the short 1–5 satisfaction survey: only after something went well (a resolved
 * conversation, a completed tour), for a sample of citizens, at most once a session and never
 * again within a cooldown. Pure: randomness and time are passed in.
 */

export interface SurveyPolicy {
  /** Share of eligible moments that get the survey. */
  rate: number;
  /** After a survey is shown (answered or dismissed), no other for this long. */
  cooldownMs: number;
}

export const DEFAULT_SURVEY: Readonly<SurveyPolicy> = Object.freeze({
  rate: 0.25,
  cooldownMs: 30 * 24 * 60 * 60 * 1000,
});

/**
 * @param lastShownAt - When a survey was last shown on this device (epoch ms), or `null`.
 * @param shownThisSession - Whether one was already shown in this session.
 * @example shouldSurvey({ lastShownAt: null, shownThisSession: false, now: Date.now(), random: 0.1 }) // true
 */
export function shouldSurvey(
  state: { lastShownAt: number | null; shownThisSession: boolean; now: number; random: number },
  policy: SurveyPolicy = DEFAULT_SURVEY,
): boolean {
  if (state.shownThisSession) return false;
  if (state.lastShownAt !== null && state.now - state.lastShownAt < policy.cooldownMs) return false;
  return state.random < policy.rate;
}
