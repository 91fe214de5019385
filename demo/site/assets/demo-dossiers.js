// Made-up dossiers of the demo portal: plain data, shared by the page script and the server.

/**
 * Dossiers known to the lookup page, in the shape of the central API's `GET /v1/dossiers/{code}`
 * (DESIGN.md, "Central chatbot API"). The reference API seeds its database from the same table
 * (`demo/server/api/seed.ts`), so the page and `/api/v1/dossiers/{code}` always agree.
 */
export const DEMO_DOSSIERS = Object.freeze({
  "H01.99-260101-0001": {
    code: "H01.99-260101-0001",
    procedure: "Đăng ký khai sinh",
    agency: "UBND phường Ba Đình",
    status: "done",
    statusText: "Đã có kết quả",
    updatedAt: "2026-01-02T09:15:00+07:00",
    history: [
      { at: "2026-01-01T08:42:00+07:00", status: "received", note: "Hồ sơ được nộp trực tuyến và đã được tiếp nhận." },
      { at: "2026-01-01T10:05:00+07:00", status: "processing", note: "Công chức tư pháp – hộ tịch đang xử lý." },
      { at: "2026-01-02T09:15:00+07:00", status: "done", note: "Giấy khai sinh điện tử đã được ký số và gửi vào tài khoản; bản giấy gửi qua bưu chính." },
    ],
  },
  "H01.99-261120-0007": {
    code: "H01.99-261120-0007",
    procedure: "Đăng ký tạm trú",
    agency: "Công an phường Ba Đình",
    status: "processing",
    statusText: "Đang xử lý",
    updatedAt: "2026-11-21T14:30:00+07:00",
    history: [
      { at: "2026-11-20T16:12:00+07:00", status: "received", note: "Hồ sơ được nộp trực tuyến; tính thời hạn từ ngày làm việc tiếp theo." },
      { at: "2026-11-21T14:30:00+07:00", status: "processing", note: "Đang chờ chủ hộ xác nhận trên ứng dụng VNeID." },
    ],
  },
  "000.00.00.H26-261115-0012": {
    code: "000.00.00.H26-261115-0012",
    procedure: "Cấp phiếu lý lịch tư pháp",
    agency: "Công an thành phố Hà Nội",
    status: "needs-supplement",
    statusText: "Cần bổ sung hồ sơ",
    updatedAt: "2026-11-18T09:00:00+07:00",
    history: [
      { at: "2026-11-15T09:20:00+07:00", status: "received", note: "Hồ sơ đã được tiếp nhận." },
      { at: "2026-11-18T09:00:00+07:00", status: "needs-supplement", note: "Cần bổ sung ảnh chụp rõ nét mặt sau thẻ căn cước trong 7 ngày làm việc." },
    ],
  },
  "000.00.00.H26-250101-0001": {
    code: "000.00.00.H26-250101-0001",
    procedure: "Đổi giấy phép lái xe",
    agency: "Công an thành phố Hà Nội",
    status: "rejected",
    statusText: "Từ chối giải quyết",
    updatedAt: "2025-01-03T15:40:00+07:00",
    history: [
      { at: "2025-01-01T10:00:00+07:00", status: "received", note: "Hồ sơ đã được tiếp nhận." },
      { at: "2025-01-03T15:40:00+07:00", status: "rejected", note: "Giấy khám sức khoẻ người lái xe đã hết hạn. Vui lòng khám lại và nộp hồ sơ mới." },
    ],
  },
  "H01.99-261126-0003": {
    code: "H01.99-261126-0003",
    procedure: "Cấp giấy xác nhận tình trạng hôn nhân",
    agency: "UBND phường Ba Đình",
    status: "received",
    statusText: "Đã tiếp nhận",
    updatedAt: "2026-11-26T08:05:00+07:00",
    history: [{ at: "2026-11-26T08:05:00+07:00", status: "received", note: "Hồ sơ đã được tiếp nhận, đang chờ phân công xử lý." }],
  },
});
