#include "core/channels/notice_text.h"

#include <array>

namespace jembatan {
namespace {

struct Texts {
  NoticeId id;
  std::string_view id_text;
  std::string_view vi_text;
  std::string_view en_text;
};

// clang-format off
constexpr std::array kTexts{
  Texts{NoticeId::kReceipt,
    "Laporan diterima. Kode {code} PIN {pin}. Ditangani {unit}, jawaban paling lambat {due}. Cek: CEK {code}",
    "Đã nhận phản ánh. Mã {code} PIN {pin}. {unit} xử lý, trả lời trước {due}. Xem: XEM {code}",
    "Report received. Code {code} PIN {pin}. Handled by {unit}, answer by {due}. Check: CHECK {code}"},
  Texts{NoticeId::kStatus,
    "{code}: {status}. Ditangani {unit}, batas {due}.",
    "{code}: {status}. {unit} xử lý, hạn {due}.",
    "{code}: {status}. Handled by {unit}, due {due}."},
  Texts{NoticeId::kStatusAnswered,
    "{code}: {status}. Jawaban: {answer}",
    "{code}: {status}. Trả lời: {answer}",
    "{code}: {status}. Answer: {answer}"},
  Texts{NoticeId::kAccepted,
    "{code}: laporan Anda diterima oleh {unit} dan sedang ditangani.",
    "{code}: {unit} đã tiếp nhận phản ánh của bạn.",
    "{code}: {unit} has accepted your report."},
  Texts{NoticeId::kResolved,
    "{code} dijawab: {answer} Balas YA {code} PIN bila selesai, TIDAK {code} PIN bila belum.",
    "{code} đã trả lời: {answer} Gửi CO {code} PIN nếu đã xong, KHONG {code} PIN nếu chưa.",
    "{code} answered: {answer} Reply YES {code} PIN if solved, NO {code} PIN if not."},
  Texts{NoticeId::kRejected,
    "{code} tidak dapat ditangani: {reason}",
    "{code} không được xử lý: {reason}",
    "{code} was not taken up: {reason}"},
  Texts{NoticeId::kTransferred,
    "{code} dialihkan ke {unit}.",
    "{code} đã chuyển cho {unit}.",
    "{code} was passed to {unit}."},
  Texts{NoticeId::kMerged,
    "{code} digabung dengan laporan {into}. Cek: CEK {into}",
    "{code} đã gộp vào {into}. Xem: XEM {into}",
    "{code} was merged into {into}. Check: CHECK {into}"},
  Texts{NoticeId::kClosed,
    "{code} ditutup. Terima kasih.",
    "{code} đã đóng. Cảm ơn bạn.",
    "{code} is closed. Thank you."},
  Texts{NoticeId::kReopened,
    "{code} dibuka kembali dan ditangani lagi.",
    "{code} được mở lại để xử lý tiếp.",
    "{code} was reopened and is being handled again."},
  Texts{NoticeId::kConfirmThanks,
    "Terima kasih. {code} ditutup.",
    "Cảm ơn bạn. {code} đã đóng.",
    "Thank you. {code} is closed."},
  Texts{NoticeId::kDisputeNoted,
    "Terima kasih. {code} dibuka kembali dan ditangani lagi.",
    "Cảm ơn bạn. {code} được mở lại để xử lý tiếp.",
    "Thank you. {code} was reopened and will be handled again."},
  Texts{NoticeId::kHelp,
    "Kirim: LAPOR <desa> <isi laporan>. CEK <kode>. YA/TIDAK <kode> <PIN> untuk jawaban.",
    "Gửi: BAO <thôn> <nội dung>. XEM <mã>. CO/KHONG <mã> <PIN> để trả lời.",
    "Send: REPORT <village> <text>. CHECK <code>. YES/NO <code> <PIN> about an answer."},
  Texts{NoticeId::kAskProblem,
    "Foto diterima. Apa masalahnya? Tulis singkat.",
    "Đã nhận ảnh. Vấn đề là gì? Hãy viết ngắn gọn.",
    "Photo received. What is the problem? Write it in a few words."},
  Texts{NoticeId::kAskVillage,
    "Laporan dari desa/kampung mana? Balas dengan nama desa.",
    "Phản ánh ở thôn/bản nào? Gửi tên thôn.",
    "Which village is this about? Reply with its name."},
  Texts{NoticeId::kAskConfirm,
    "Kirim laporan untuk {village}? Balas YA untuk kirim, TIDAK untuk batal.",
    "Gửi phản ánh cho {village}? Gửi CO để gửi, KHONG để hủy.",
    "Send the report for {village}? Reply YES to send, NO to cancel."},
  Texts{NoticeId::kCancelled,
    "Laporan dibatalkan.",
    "Đã hủy phản ánh.",
    "Report cancelled."},
  Texts{NoticeId::kUnknownVillage,
    "Desa \"{place}\" tidak dikenal. Kirim: LAPOR <nama desa> <isi laporan>",
    "Không tìm thấy thôn \"{place}\". Gửi: BAO <tên thôn> <nội dung>",
    "Unknown village \"{place}\". Send: REPORT <village> <text>"},
  Texts{NoticeId::kAmbiguousVillage,
    "Ada beberapa desa dengan nama itu: {choices}. Kirim lagi dengan kode desa.",
    "Có nhiều thôn trùng tên: {choices}. Gửi lại với mã thôn.",
    "Several villages have that name: {choices}. Send again with the village code."},
  Texts{NoticeId::kNoText,
    "Isi laporan kosong. Kirim: LAPOR <desa> <isi laporan>",
    "Thiếu nội dung. Gửi: BAO <thôn> <nội dung>",
    "The report has no text. Send: REPORT <village> <text>"},
  Texts{NoticeId::kBadCode,
    "Kode \"{code}\" tidak valid. Periksa lagi 8 huruf/angka kode Anda.",
    "Mã \"{code}\" không hợp lệ. Kiểm tra lại 8 ký tự.",
    "\"{code}\" is not a valid code. Check its 8 characters."},
  Texts{NoticeId::kNoSuchCase,
    "Tidak ada laporan dengan kode {code}.",
    "Không có phản ánh mã {code}.",
    "No report has code {code}."},
  Texts{NoticeId::kWrongPin,
    "PIN untuk {code} salah.",
    "PIN của {code} không đúng.",
    "Wrong PIN for {code}."},
  Texts{NoticeId::kNotResolvedYet,
    "{code} belum dijawab (status: {status}).",
    "{code} chưa có trả lời ({status}).",
    "{code} has no answer yet ({status})."},
  Texts{NoticeId::kNotAMember,
    "Nomor ini belum terdaftar sebagai relawan. Kirim: LAPOR <desa> <isi laporan>",
    "Số này chưa đăng ký cộng tác viên. Gửi: BAO <thôn> <nội dung>",
    "This number is not registered as a member. Send: REPORT <village> <text>"},
  Texts{NoticeId::kBadHouseholdPhone,
    "Nomor warga \"{phone}\" tidak valid.",
    "Số điện thoại \"{phone}\" không hợp lệ.",
    "\"{phone}\" is not a valid phone number."},
  Texts{NoticeId::kForwardReceipt,
    "Laporan titipan diterima. Kode {code}, ditangani {unit}.",
    "Đã nhận phản ánh gửi hộ. Mã {code}, {unit} xử lý.",
    "Forwarded report received. Code {code}, handled by {unit}."},
  Texts{NoticeId::kTooManyAttempts,
    "Terlalu banyak PIN salah. Coba lagi nanti.",
    "Sai PIN quá nhiều lần. Thử lại sau.",
    "Too many wrong PINs. Try again later."},
  Texts{NoticeId::kRejectedInput,
    "Pesan tidak dapat diterima: {reason}",
    "Không nhận được tin nhắn: {reason}",
    "The message could not be accepted: {reason}"},
  Texts{NoticeId::kUpdate,
    "{code}: {update}",
    "{code}: {update}",
    "{code}: {update}"},
  Texts{NoticeId::kOverdueApology,
    "{code}: maaf, jawaban untuk laporan Anda terlambat. {unit} sudah diingatkan dan atasannya diberi tahu.",
    "{code}: xin lỗi, câu trả lời cho phản ánh của bạn đã quá hạn. {unit} đã được nhắc và cấp trên đã được báo.",
    "{code}: sorry, the answer to your report is late. {unit} has been reminded and its superiors told."},
  Texts{NoticeId::kHowToCheck,
    "Untuk melihat status, kirim CEK dan kode laporan, misalnya: CEK K7M2QX9R",
    "Để xem tình trạng, gửi XEM và mã phản ánh, ví dụ: XEM K7M2QX9R",
    "To see a status, send CHECK and the report's code, for example: CHECK K7M2QX9R"},
  Texts{NoticeId::kHowToAnswer,
    "Setelah laporan dijawab, kirim YA <kode> <PIN> bila selesai atau TIDAK <kode> <PIN> bila belum.",
    "Khi phản ánh đã được trả lời, gửi CO <mã> <PIN> nếu đã xong hoặc KHONG <mã> <PIN> nếu chưa.",
    "Once your report is answered, send YES <code> <PIN> if solved or NO <code> <PIN> if not."},
  Texts{NoticeId::kJoinRecorded,
    "Tercatat: {days} hari di {campaign} ({title}). Dihitung setelah dikonfirmasi penyelenggara.",
    "Đã ghi: {days} ngày tham gia {campaign} ({title}). Được tính khi đơn vị tổ chức xác nhận.",
    "Recorded: {days} days in {campaign} ({title}). It counts once the organizer confirms it."},
  Texts{NoticeId::kHowToJoin,
    "Untuk mencatat kegiatan, kirim IKUT <kode kegiatan> <jumlah hari>, misalnya: IKUT PCTT 3",
    "Để ghi ngày tham gia, gửi THAMGIA <mã đợt> <số ngày>, ví dụ: THAMGIA PCTT 3",
    "To record your part in a campaign, send JOIN <campaign code> <days>, for example: JOIN PCTT 3"},
  Texts{NoticeId::kUnknownCampaign,
    "Tidak ada kegiatan berkode {code} yang sedang berjalan di wilayah Anda. Periksa kodenya.",
    "Không có đợt nào mã {code} đang diễn ra ở địa bàn của bạn. Kiểm tra lại mã.",
    "No campaign {code} is running where you live. Check the code."},
  Texts{NoticeId::kNotInRegistry,
    "Nomor relawan ini belum terhubung dengan data anggota. Hubungi petugas desa/kecamatan.",
    "Số cộng tác viên này chưa gắn với hồ sơ thành viên. Liên hệ cán bộ xã.",
    "This member account is not linked to a person in the registry. Ask your commune officer."},
};
// clang-format on

std::string Fill(std::string_view text, NoticeArgs args) {
  std::string out;
  out.reserve(text.size() + 64);
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [key, value] : args) {
          if (key == name) {
            out += value;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

std::string Notice(NoticeId id, std::string_view language, NoticeArgs args) {
  for (const Texts& t : kTexts) {
    if (t.id != id) continue;
    if (language == "vi") return Fill(t.vi_text, args);
    if (language == "en") return Fill(t.en_text, args);
    return Fill(t.id_text, args);
  }
  return {};
}

std::string_view StatusWord(CaseStatus s, std::string_view language) {
  const bool vi = language == "vi";
  const bool en = language == "en";
  switch (s) {
    case CaseStatus::kReceived:
      return vi ? "đã nhận" : en ? "received" : "diterima";
    case CaseStatus::kAccepted:
      return vi ? "đã tiếp nhận" : en ? "accepted" : "diproses";
    case CaseStatus::kInProgress:
      return vi ? "đang xử lý" : en ? "in progress" : "sedang ditangani";
    case CaseStatus::kResolved:
      return vi ? "đã trả lời" : en ? "answered" : "sudah dijawab";
    case CaseStatus::kClosed:
      return vi ? "đã đóng" : en ? "closed" : "selesai";
    case CaseStatus::kRejected:
      return vi ? "không xử lý" : en ? "not taken up" : "ditolak";
    case CaseStatus::kMerged:
      return vi ? "đã gộp" : en ? "merged" : "digabung";
  }
  return "";
}

}  // namespace jembatan
