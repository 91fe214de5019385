/**
 * The words of the guided tours' step card, apart from the panel's dictionaries so the
 * tour chunk carries only these. Plain, polite, short: the citizen is mid-way through a form.
 */
import type { Lang } from '../config/schema.js';

const vi = {
  progress: 'Bước {n}/{total}',
  next: 'Tiếp',
  back: 'Quay lại',
  finish: 'Xong',
  close: 'Dừng hướng dẫn',
  doIt: 'Làm xong bước này, hướng dẫn sẽ tự chuyển sang bước tiếp theo.',
  waiting: 'Đang chờ trang hiển thị…',
  missingTitle: 'Không tìm thấy mục cần chỉ',
  missing: 'Trang này có thể đã thay đổi. Bạn có thể làm theo mô tả ở trên, hoặc hỏi trợ lý.',
  askAssistant: 'Hỏi trợ lý',
  offPathTitle: 'Bạn đã rời khỏi các bước hướng dẫn',
  offPath: 'Hướng dẫn «{tour}» đang ở bước {n}. Bạn muốn quay lại bước đó hay dừng hướng dẫn?',
  resume: 'Quay lại bước {n}',
  restarted: 'Hướng dẫn vừa được cập nhật nên sẽ bắt đầu lại từ đầu.',
  announce: 'Bước {n} trên {total}: {title}. {body}',
  done: 'Bạn đã hoàn thành hướng dẫn «{tour}».',
  handBackMissing: 'Tôi không tìm thấy «{step}» trên trang này nên đã dừng hướng dẫn «{tour}». Bạn hãy hỏi tôi cụ thể hơn, hoặc gọi tổng đài để được giúp.',
  handBackLoop: 'Trang cứ tải lại liên tục nên tôi đã dừng hướng dẫn «{tour}». Bạn hãy thử lại sau, hoặc hỏi tôi tại đây.',
  handBackUnknown: 'Không mở được hướng dẫn này trên trang. Bạn hãy hỏi tôi tại đây.',
  stopped: 'Đã dừng hướng dẫn.',
};

type TourMessages = { [K in keyof typeof vi]: string };

const en: TourMessages = {
  progress: 'Step {n} of {total}',
  next: 'Next',
  back: 'Back',
  finish: 'Done',
  close: 'Stop the guide',
  doIt: 'Do this step and the guide moves on by itself.',
  waiting: 'Waiting for the page…',
  missingTitle: 'Could not find the item to show',
  missing: 'This page may have changed. You can follow the description above, or ask the assistant.',
  askAssistant: 'Ask the assistant',
  offPathTitle: 'You left the guided steps',
  offPath: 'The guide "{tour}" is at step {n}. Go back to that step, or stop the guide?',
  resume: 'Back to step {n}',
  restarted: 'This guide was updated, so it starts again from the beginning.',
  announce: 'Step {n} of {total}: {title}. {body}',
  done: 'You finished the guide "{tour}".',
  handBackMissing: 'I could not find "{step}" on this page, so I stopped the guide "{tour}". Ask me more precisely, or call the help line.',
  handBackLoop: 'The page kept reloading, so I stopped the guide "{tour}". Try again later, or ask me here.',
  handBackUnknown: 'This guide could not be opened on this page. Ask me here.',
  stopped: 'The guide was stopped.',
};

export type TourMessageKey = keyof TourMessages;

const DICTIONARIES: Readonly<Record<Lang, TourMessages>> = Object.freeze({ vi, en });

/** A tour string with `{name}` placeholders filled. */
export function tourText(lang: Lang, key: TourMessageKey, params: Record<string, string | number> = {}): string {
  return DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
