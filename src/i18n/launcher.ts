/**
 * The launcher's words, apart from the rest so the loader carries only these
 * (the full dictionaries arrive with the app chunk and include them).
 */
export const LAUNCHER_MESSAGES = Object.freeze({
  vi: { launcher: 'Hỏi trợ lý', launcherLoading: 'Đang mở trợ lý…', launcherBadge: '{count} cập nhật mới' },
  en: { launcher: 'Ask the assistant', launcherLoading: 'Opening the assistant…', launcherBadge: '{count} new updates' },
} as const);
