// Photos kept with a record (a branch meeting, a training class): the
// upload from the record's page, the list on that page, and the photos in
// the record's news draft. The record's own service keeps the list; these
// are the parts the two pages share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/media.h"
#include "content/snapshot.h"
#include "content/workflow.h"
#include "http/router.h"
#include "render/templates.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

// Stores the photo a record's form sends (multipart: "file", and "alt",
// what it shows, `default_alt` when left empty) as a private records
// photo. Invalid when no file was chosen or the body is not a form;
// otherwise as MediaService::UploadRecordsPhoto.
Result<MediaRecord> StoreRecordsPhoto(MediaService& media, const http::Request& req,
                                      const std::string& default_alt, const AdminContext& ctx);

// The photos `ids` as a record page lists them: id, src (the smallest size,
// from the staff address while private), alt, and "lead" on the first shown
// ("can_lead" on the others). Missing ones are skipped.
TemplateData RecordPhotoItems(Storage& storage, const std::vector<std::int64_t>& ids);

// The photos in a news draft: the first as the lead image, each other one
// after the text on a line of its own; each captioned with its
// description ("周勇同志授课"). A picture's alt text and caption are its
// description, or `topic` when it was given none.
void AddRecordPhotos(const std::vector<std::int64_t>& ids, const std::string& topic,
                     const SiteSnapshot& snap, ArticleInput& in);

// The id of the photo a remove or lead form names ("media"), if it is one.
std::optional<std::int64_t> PhotoInForm(const http::Request& req);

}  // namespace procura::web
