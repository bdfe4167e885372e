// The media library, an area over AdminKit: the list (and its JSON for the
// editor's picker), each file's page, uploads, deletion, and the staff's view of a file that
// is not public yet (an editor's upload, a branch meeting's photo).
// MediaService checks uploads by content and decides who may delete.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "content/media.h"
#include "org/org_service.h"
#include "storage/storage.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class MediaAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    MediaService& media;
    org::OrgService& org;   // whose branch a meeting photo belongs to
    ContentService& content;  // the published media, by stored name
  };
  explicit MediaAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  Response MediaPage(const Request&, const Params&, AdminContext&);
  Response MediaJson(const Request&, const Params&, AdminContext&);
  Response UploadMedia(const Request&, const Params&, AdminContext&);
  Response DeleteMedia(const Request&, const Params&, AdminContext&);
  // One file's page: a preview, its facts, where it is used, the Markdown
  // that shows it, and the button that deletes it when nothing uses it.
  Response MediaFilePage(const Request&, const Params&, AdminContext&);
  // Saves an image's alt text from its page (MediaService::SetAlt).
  Response SaveMediaAlt(const Request&, const Params&, AdminContext&);
  // File `id`'s page; `error` above the alt text form, which shows `typed`
  // when given (what was sent) instead of the stored text.
  Response FilePage(const AdminContext& ctx, std::int64_t id, const std::string& error, int status,
                    const std::optional<std::string>& typed = std::nullopt);
  // The file's preview, facts and Markdown on its page.
  void SetFileFacts(const MediaRecord& m, TemplateData& body);
  // A media file for staff pages, private or not (records photos).
  Response StaffMediaFile(const Request&, const Params&, AdminContext&);
  // True if `media_id` is a photo of a meeting of the branch `who` manages.
  bool IsOwnBranchPhoto(const auth::Principal& who, std::int64_t media_id);
  // The library; `error` above it, with `uses` (the places that keep a
  // file from being deleted) listed under the error.
  // The media page refusing to delete file `id`, listing where it is
  // used; nullopt when nothing uses it.
  std::optional<Response> RefuseIfUsed(const AdminContext& ctx, std::int64_t id);
  Response MediaListPage(const AdminContext& ctx, const std::map<std::string, std::string>& query,
                         const std::string& error, int status,
                         const std::vector<MediaUse>& uses = {});

  Deps d_;
};

}  // namespace procura::web
