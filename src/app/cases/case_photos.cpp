#include "app/cases/case_photos.h"

#include "store/store.h"

namespace jembatan::app {

Result<std::vector<CaseMedia>> CasePhotos(store::ReadTx& tx, const Case& c, CaseAccess access) {
  if (!SeesPhotos(access)) return std::vector<CaseMedia>{};
  return tx.channels().ListCaseMedia(c.id);
}

Result<PhotoData> CasePhoto(store::ReadTx& tx, const Case& c, CaseAccess access, int64_t id) {
  if (!SeesPhotos(access)) {
    return Error::Forbidden(
        "photos are shown with the case's PIN or to staff whose unit covers it");
  }
  auto image = tx.channels().MediaData(c.id, id);
  if (!image) return image.error();
  if (!*image) return Error::NotFound("no stored photo " + std::to_string(id));
  return PhotoData{std::move((*image)->first), std::move((*image)->second)};
}

Status MayAddPhoto(CaseAccess access) {
  if (!MayAddPhotos(access)) return Error::Forbidden("send the case's PIN in X-Case-Pin");
  return Status::Ok();
}

Result<int64_t> AddCasePhoto(store::WriteTx& tx, int64_t case_id, std::string_view content_type,
                             std::string_view bytes, Timestamp now) {
  auto existing = tx.channels().ListCaseMedia(case_id);
  if (!existing) return existing.error();
  if (existing->size() >= kMaxPhotosPerCase) {
    return Error::Conflict("a case keeps at most " + std::to_string(kMaxPhotosPerCase) + " photos");
  }
  auto media = tx.channels().AddCaseMedia(case_id, "web", "upload", now);
  if (!media) return media.error();
  if (auto s = tx.channels().StoreMedia(*media, 0, content_type, bytes); !s) return s.error();
  return *media;
}

}  // namespace jembatan::app
