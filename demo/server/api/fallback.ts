/**
 * The honest reply when no central chatbot is configured (`UPSTREAM_URL` unset): no invented answer, just
 * that the question was recorded for staff (a content gap) and where a person can help.
 *
 * Contacts come from `shared/research/domain.md` §4.3 (verified): the Hà Nội Public Administration Service
 * Centre 024.1022 (extensions 7 and 8), its switchboard 1900 1009 and e-mail, and the national portal
 * dichvucong.gov.vn. The national hotline there is unverified, so it is not given.
 */
import type { AskLang } from "./ask-request.js";
import type { Reply } from "./responder.js";

const ANSWERS: Readonly<Record<AskLang, readonly string[]>> = Object.freeze({
  vi: [
    "Xin lỗi, hiện chưa có câu trả lời chắc chắn cho câu hỏi này. Câu hỏi của bạn đã được ghi lại để cán bộ bổ sung hướng dẫn.",
    [
      "Bạn có thể được hỗ trợ ngay qua các kênh sau:",
      "1. Gọi Trung tâm Phục vụ hành chính công Hà Nội: **024.1022** (nhánh 7 và 8) hoặc tổng đài **1900 1009**.",
      "2. Gửi thư điện tử đến tthtcskh_tthcc@hanoi.gov.vn.",
      "3. Xem hướng dẫn thủ tục trên Cổng Dịch vụ công quốc gia: dichvucong.gov.vn.",
      "4. Hỏi trực tiếp bộ phận một cửa của UBND xã, phường nơi bạn làm thủ tục.",
    ].join("\n"),
  ],
  en: [
    "Sorry, there is no reliable answer to this question yet. Your question has been recorded so that staff can add guidance.",
    [
      "You can get help now:",
      "1. Call the Hà Nội Public Administration Service Centre on **024.1022** (extensions 7 and 8) or its switchboard **1900 1009**.",
      "2. E-mail tthtcskh_tthcc@hanoi.gov.vn.",
      "3. Read the procedure guides on the National Public Service Portal: dichvucong.gov.vn.",
      "4. Ask the one-stop desk (bộ phận một cửa) of the commune or ward People's Committee where you file.",
    ].join("\n"),
  ],
});

const SOURCES: Readonly<Record<AskLang, Reply["sources"]>> = Object.freeze({
  vi: [
    { title: "Trung tâm Phục vụ hành chính công thành phố Hà Nội", url: "https://ttpvhcc.hanoi.gov.vn/" },
    { title: "Cổng Dịch vụ công quốc gia", url: "https://dichvucong.gov.vn/" },
  ],
  en: [
    { title: "Hà Nội Public Administration Service Centre", url: "https://ttpvhcc.hanoi.gov.vn/" },
    { title: "National Public Service Portal", url: "https://dichvucong.gov.vn/" },
  ],
});

/**
 * The fallback reply, split into paragraphs so a streamed reply arrives in a few `delta` events.
 *
 * @param lang - The citizen's language.
 * @returns The paragraphs (joined with a blank line they make the answer) and the sources.
 */
export function fallbackReply(lang: AskLang): { paragraphs: readonly string[]; sources: Reply["sources"] } {
  return { paragraphs: ANSWERS[lang], sources: SOURCES[lang] };
}
