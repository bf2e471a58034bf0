// Photos of a case from the web form and the API (channels' photos arrive through the inbound
// exchange and the media fetcher). Who may see or add them is core's rule (core/cases/access.h,
// SeesPhotos, MayAddPhotos); these use cases apply it and read or write the store.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/common/tx.h"
#include "core/cases/access.h"
#include "core/cases/case.h"
#include "core/cases/case_media.h"

namespace jembatan::app {

constexpr size_t kMaxPhotosPerCase = 5;

// The photos of `c` for a caller with `access`: nothing (not an error) when it may not see them.
Result<std::vector<CaseMedia>> CasePhotos(ReadTx& tx, const Case& c, CaseAccess access);

struct PhotoData {
  std::string content_type;
  std::string bytes;
};
// One stored photo: 403 when `access` may not see photos, 404 when there is no stored one.
Result<PhotoData> CasePhoto(ReadTx& tx, const Case& c, CaseAccess access, int64_t id);

// 403 unless `access` may add photos (checked before queueing for the writer).
Status MayAddPhoto(CaseAccess access);

// In the write transaction: stores the photo (its type sniffed by the caller from the bytes,
// core/cases/image_type.h) unless the case has kMaxPhotosPerCase already (409). Counted in the
// write, so two uploads at once cannot both pass the limit. The new photo's id.
Result<int64_t> AddCasePhoto(WriteTx& tx, int64_t case_id, std::string_view content_type,
                             std::string_view bytes, Timestamp now);

}  // namespace jembatan::app
