/**
 * The launcher's words, apart from the rest so the loader carries only these
 * (the full dictionaries arrive with the app chunk and include them).
 */
export const LAUNCHER_MESSAGES = Object.freeze({
  vi: { launcher: 'Hỏi trợ lý', launcherLoading: 'Đang mở trợ lý…' },
  en: { launcher: 'Ask the assistant', launcherLoading: 'Opening the assistant…' },
} as const);
