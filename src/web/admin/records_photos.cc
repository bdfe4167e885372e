#include "web/admin/records_photos.h"

#include "content/image_sizes.h"
#include "core/text.h"
#include "http/forms.h"
#include "http/multipart.h"
#include "render/urls.h"
#include "web/admin/admin_handler.h"

namespace procura::web {

Result<MediaRecord> StoreRecordsPhoto(MediaService& media, const http::Request& req,
                                      const std::string& default_alt, const AdminContext& ctx) {
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return parts.status();
  const http::FormPart* file = http::FindPart(*parts, "file");
  const http::FormPart* alt = http::FindPart(*parts, "alt");
  if (!file || file->filename.empty()) return Status::Invalid(N_("Choose a file to upload."));
  std::string alt_text = alt ? Trim(alt->data) : "";
  if (alt_text.empty()) alt_text = Utf8Prefix(default_alt, kMaxMediaAlt);
  return media.UploadRecordsPhoto(file->data, file->filename, alt_text, ctx.who(), ctx.actor);
}

TemplateData RecordPhotoItems(Storage& storage, const std::vector<std::int64_t>& ids) {
  TemplateData photos{TemplateData::type::list};
  for (std::int64_t pid : ids) {
    auto item = storage.content().GetMedia(pid);
    if (!item.ok() || !item->has_value()) continue;
    TemplateData ph;
    ph.set("id", std::to_string(pid));
    ph.set("src", StaffMediaUrl(**item, SmallestSize(**item)));
    ph.set("alt", (*item)->alt_text);
    ph.set(photos.is_empty_list() ? "lead" : "can_lead", true);
    photos.push_back(ph);
  }
  return photos;
}

void AddRecordPhotos(const std::vector<std::int64_t>& ids, const std::string& topic,
                     const SiteSnapshot& snap, ArticleInput& in) {
  const auto alt_of = [&topic](const MediaRecord* m) {
    return Utf8Prefix(m && !m->alt_text.empty() ? m->alt_text : topic, kMaxAlt);
  };
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const MediaRecord* photo = snap.MediaById(ids[i]);
    if (i == 0) {
      in.lead_media_id = ids.front();
      in.lead_alt = alt_of(photo);
      in.lead_caption = Utf8Prefix(in.lead_alt, 300);  // as the seed's "Zhou Yong gives lectures"
    } else if (photo) {
      in.body_md += "\n\n" + ImageMarkdown(alt_of(photo), photo->stored_name, photo->alt_text);
    }
  }
}

std::optional<std::int64_t> PhotoInForm(const http::Request& req) {
  return ParsePositiveId(http::Form::Parse(req.body).Get("media"));
}

}  // namespace procura::web
