/**
 * Demo dossiers for `GET /v1/dossiers/{code}`: the same made-up files the portal's lookup page shows
 * (`DEMO_DOSSIERS` in `demo/site/assets/portal.js`, see the sample codes in `demo/README.md`).
 */

export type DossierStatus = "received" | "processing" | "needs-supplement" | "done" | "rejected";

export interface Dossier {
  code: string;
  procedure: string;
  agency: string;
  status: DossierStatus;
  statusText: string;
  updatedAt: string;
  history: ReadonlyArray<{ at: string; status: DossierStatus; note: string }>;
}

export const SEED_DOSSIERS: readonly Dossier[] = Object.freeze([
  {
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
  {
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
  {
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
  {
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
  {
    code: "H01.99-261126-0003",
    procedure: "Cấp giấy xác nhận tình trạng hôn nhân",
    agency: "UBND phường Ba Đình",
    status: "received",
    statusText: "Đã tiếp nhận",
    updatedAt: "2026-11-26T08:05:00+07:00",
    history: [{ at: "2026-11-26T08:05:00+07:00", status: "received", note: "Hồ sơ đã được tiếp nhận, đang chờ phân công xử lý." }],
  },
]);
