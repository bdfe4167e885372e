#include "content/media.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "auth/password.h"
#include "content/image_sizes.h"
#include "content/media_files.h"
#include "core/clock.h"
#include "core/text.h"

namespace procura {

Status MediaService::WriteFile(const std::string& name, std::string_view bytes) {
  return files_.Write(dir_.filename().string(), name, bytes);
}

Result<MediaRecord> MediaService::Upload(std::string_view bytes, const std::string& client_name,
                                         const std::string& alt, const auth::Principal& who,
                                         const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kWriteArticles)) return Status::Denied(N_("You may not upload files."));
  return Store(bytes, client_name, alt, who, actor, false);
}

Result<MediaRecord> MediaService::UploadRecordsPhoto(std::string_view bytes,
                                                     const std::string& client_name,
                                                     const std::string& alt,
                                                     const auth::Principal& who,
                                                     const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kViewRecords))
    return Status::Denied(N_("You may not upload files."));
  return Store(bytes, client_name, alt, who, actor, true);
}

namespace {

// The checks an upload passes before its content is looked at.
Status CheckUpload(std::string_view bytes, const std::string& alt) {
  if (bytes.empty()) return Status::Invalid(N_("Choose a file to upload."));
  if (bytes.size() > kMaxUploadBytes)
    return Status::Invalid(N_("The file is too large: at most 20 MiB."));
  if (!IsValidUtf8(alt) || Utf8Length(alt) > kMaxMediaAlt)
    return Status::Invalid(N_("The alt text is too long: at most 300 characters."));
  return Status::Ok();
}

}  // namespace

Result<MediaRecord> MediaService::Store(std::string_view bytes, const std::string& client_name,
                                        const std::string& alt, const auth::Principal& who,
                                        const auth::Actor& actor, bool records_photo) {
  PROCURA_RETURN_IF_ERROR(CheckUpload(bytes, alt));
  const std::string original = SanitizeFileName(client_name);
  auto type = SniffFileType(bytes, original);
  if (!type) {
    return Status::Invalid(
        N_("This file type is not supported (judged by its content). Use JPEG, PNG or WebP "
           "images, or PDF, DOC, DOCX, XLS or XLSX documents."));
  }
  if (records_photo && !type->image)
    return Status::Invalid(N_("Choose a photo: JPEG, PNG or WebP (judged by its content)."));
  MediaRecord m;
  m.mime = type->mime;
  m.kind = type->image ? "image" : "document";
  m.original_name = original;
  m.alt_text = alt;
  m.created_at = NowUnix();
  m.uploaded_by = who.user_id;
  m.is_private = records_photo;
  std::vector<std::string> written;
  Status saved = WriteStoredFiles(bytes, *type, m, written);
  if (saved.ok()) saved = Record(m, actor);
  if (!saved.ok()) {
    for (const auto& name : written) (void)files_.Remove(dir_.filename().string(), name);
    return saved;
  }
  events_.Publish({"media", m.id, {}});
  return m;
}

Status MediaService::WriteStoredFiles(std::string_view bytes, const FileType& type, MediaRecord& m,
                                      std::vector<std::string>& written) {
  const std::string stem = auth::RandomHex(12);
  m.stored_name = stem + type.ext;
  if (!type.image) {
    m.byte_size = static_cast<std::int64_t>(bytes.size());
    PROCURA_RETURN_IF_ERROR(WriteFile(m.stored_name, bytes));
    written.push_back(m.stored_name);
    return Status::Ok();
  }
  auto img = ReencodeImage(bytes, type);
  if (!img.ok()) return img.status();
  m.width = img->width;
  m.height = img->height;
  m.byte_size = static_cast<std::int64_t>(img->bytes.size());
  PROCURA_RETURN_IF_ERROR(WriteFile(m.stored_name, img->bytes));
  written.push_back(m.stored_name);
  std::vector<ImageSize> sizes;
  for (const auto& v : img->variants) {
    ImageSize size{v.width, fmt::format("{}-w{}{}", stem, v.width, type.ext)};
    PROCURA_RETURN_IF_ERROR(WriteFile(size.name, v.bytes));
    written.push_back(size.name);
    sizes.push_back(std::move(size));
  }
  m.variants = ImageSizesField(sizes);
  return Status::Ok();
}

Status MediaService::Record(MediaRecord& m, const auth::Actor& actor) {
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto id = tx.content().InsertMedia(m);
    if (!id.ok()) return id.status();
    m.id = *id;
    PROCURA_RETURN_IF_ERROR(tx.changes().Append({0, "media", m.id, {}, NowUnix()}).status());
    return audit_.Write(
        tx, actor, "media.upload", "media", m.id,
        fmt::format("{} as {} ({}, {} bytes)", m.original_name, m.stored_name, m.mime, m.byte_size));
  });
}

// Deleting a file something shows would leave a hole in a public page or
// in a meeting's record: refused, naming the first place that uses it.
Status MediaService::RefuseIfUsed(const MediaRecord& m) {
  auto uses = Uses(m, kMaxUsesCounted);
  if (!uses.ok()) return uses.status();
  return RefusalFor(*uses);
}

Status MediaService::RefusalFor(const std::vector<MediaUse>& uses) {
  if (uses.empty()) return Status::Ok();
  const MediaUse& first = uses.front();
  const std::string places =
      std::to_string(uses.size()) + (uses.size() >= std::size_t{kMaxUsesCounted} ? "+" : "");
  if (first.kind == "class")
    return uses.size() == 1
               ? Status::Invalid(N_("The file is a photo of the training class “{title}”; remove it from the class first."),
                                 {{"title", first.title}})
               : Status::Invalid(N_("The file is used in {n} places, the first a photo of the training class “{title}”; remove it from them first."),
                                 {{"title", first.title}, {"n", places}});
  if (first.kind == "meeting")
    return uses.size() == 1
               ? Status::Invalid(N_("The file is a photo of the branch meeting “{title}”; remove it from the meeting first."),
                                 {{"title", first.title}})
               : Status::Invalid(N_("The file is used in {n} places, the first a photo of the branch meeting “{title}”; remove it from them first."),
                                 {{"title", first.title}, {"n", places}});
  return uses.size() == 1
             ? Status::Invalid(N_("The file is still used by the article “{title}” (its lead image, body or attachments); remove it there first."),
                               {{"title", first.title}})
             : Status::Invalid(N_("The file is still used in {n} places, the first the article “{title}”; remove it from them first."),
                               {{"title", first.title}, {"n", places}});
}

Result<std::vector<MediaUse>> MediaService::Uses(const MediaRecord& m, int limit) {
  // Bodies name a file by its random stem: /media/<stem>.jpg, <stem>-w640.jpg.
  const std::string stem = m.stored_name.substr(0, m.stored_name.rfind('.'));
  return storage_.content().FindMediaUses(m.id, stem, limit);
}

Result<std::vector<MediaUse>> MediaService::UsesOf(std::int64_t id, int limit) {
  auto found = storage_.content().GetMedia(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound(N_("There is no such file."));
  return Uses(**found, limit);
}

Status MediaService::Delete(std::int64_t id, const auth::Principal& who, const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kWriteArticles))
    return Status::Denied(N_("You may not delete files."));
  auto found = storage_.content().GetMedia(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound(N_("There is no such file."));
  PROCURA_RETURN_IF_ERROR(RefuseIfUsed(**found));
  return Erase(**found, actor);
}

Status MediaService::SetAlt(std::int64_t id, const std::string& alt, const auth::Principal& who,
                            const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kWriteArticles))
    return Status::Denied(N_("You may not change files."));
  const std::string text = Trim(alt);
  if (!IsValidUtf8(text) || Utf8Length(text) > kMaxMediaAlt)
    return Status::Invalid(N_("The alt text is too long: at most 300 characters."));
  auto found = storage_.content().GetMedia(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound(N_("There is no such file."));
  const MediaRecord& m = **found;
  auto uses = Uses(m, kMaxUsesCounted);
  if (!uses.ok()) return uses.status();
  PROCURA_RETURN_IF_ERROR(AltChangeRefusal(m, *uses));
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.content().SetMediaAlt(m.id, text));
    PROCURA_RETURN_IF_ERROR(tx.changes().Append({0, "media", m.id, {}, NowUnix()}).status());
    return audit_.Write(tx, actor, "media.alt", "media", m.id,
                        fmt::format("{} → {}", m.alt_text.empty() ? "—" : m.alt_text,
                                    text.empty() ? "—" : text));
  }));
  events_.Publish({"media", m.id, {}});
  return Status::Ok();
}

Status MediaService::AltChangeRefusal(const MediaRecord& m, const std::vector<MediaUse>& uses) {
  if (m.kind != "image") return Status::Invalid(N_("Only an image has alt text."));
  for (const MediaUse& u : uses) {
    if (u.kind != "article") continue;
    auto a = storage_.content().GetArticle(u.id);
    if (!a.ok()) return a.status();
    if (*a && (**a).status == kStatusPublished)
      return Status::Invalid(
          N_("The published article “{title}” shows this image: its alt text there is changed in "
             "that article, through review."),
          {{"title", u.title}});
  }
  return Status::Ok();
}

Status MediaService::DeleteRecordsPhotoIfUnused(std::int64_t id, const auth::Principal& who,
                                                const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kViewRecords))
    return Status::Denied(N_("You may not delete files."));
  auto found = storage_.content().GetMedia(id);
  if (!found.ok()) return found.status();
  if (!found->has_value() || !(*found)->is_private) return Status::Ok();
  auto uses = Uses(**found, 1);
  if (!uses.ok()) return uses.status();
  if (!uses->empty()) return Status::Ok();
  return Erase(**found, actor);
}

Status MediaService::Erase(const MediaRecord& m, const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.content().DeleteMedia(m.id));
    PROCURA_RETURN_IF_ERROR(tx.changes().Append({0, "media", m.id, {}, NowUnix()}).status());
    return audit_.Write(tx, actor, "media.delete", "media", m.id,
                        m.original_name + " (" + m.stored_name + ")");
  }));
  (void)files_.Remove(dir_.filename().string(), m.stored_name);
  for (const auto& size : ImageSizes(m)) (void)files_.Remove(dir_.filename().string(), size.name);
  events_.Publish({"media", m.id, {}});
  return Status::Ok();
}

Status MediaService::Attach(std::int64_t article_id, std::int64_t media_id,
                            const auth::Principal& who, const auth::Actor& actor) {
  return ChangeAttachment(article_id, media_id, true, who, actor);
}

Status MediaService::Detach(std::int64_t article_id, std::int64_t media_id,
                            const auth::Principal& who, const auth::Actor& actor) {
  return ChangeAttachment(article_id, media_id, false, who, actor);
}

// On a published article an attachment change waits for review like any
// other edit: it is stored as pending, and the article gets a pending
// revision (a copy of its live text) so that it enters the review queue.
// Approving the edit makes the change public; returning it undoes it.
Status MediaService::ProposeAttachmentChange(ArticleRecord a, std::int64_t media_id, bool attach,
                                             const auth::Principal& who,
                                             const auth::Actor& actor) {
  auto current = storage_.content().ListAttachments();
  if (!current.ok()) return current.status();
  std::string state = "none";
  for (const auto& at : *current)
    if (at.article_id == a.id && at.media_id == media_id) state = at.pending;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    if (attach && state == "none") {
      PROCURA_RETURN_IF_ERROR(tx.content().AddAttachment({a.id, media_id, 0, "add"}));
    } else if (attach && state == "remove") {
      PROCURA_RETURN_IF_ERROR(tx.content().SetAttachmentPending(a.id, media_id, ""));
    } else if (!attach && state == "add") {
      PROCURA_RETURN_IF_ERROR(tx.content().RemoveAttachment(a.id, media_id));
    } else if (!attach && state == "") {
      PROCURA_RETURN_IF_ERROR(tx.content().SetAttachmentPending(a.id, media_id, "remove"));
    }
    if (!a.pending_revision) {
      RevisionRecord r{0,          a.id,          0,          who.user_id,    NowUnix(),
                       "attachments changed",     a.column_id, a.title,       a.author,
                       a.news_source, a.lead_media_id, a.lead_caption, a.lead_alt, a.body_md,
                       a.body_html};
      auto rev = tx.articles().InsertRevision(r);
      if (!rev.ok()) return rev.status();
      a.pending_revision = *rev;
      a.updated_at = NowUnix();
      PROCURA_RETURN_IF_ERROR(tx.articles().UpdateArticle(a));
    }
    return audit_.Write(tx, actor, attach ? "article.attach-pending" : "article.detach-pending",
                        "article", a.id, fmt::format("media {}, awaiting review", media_id));
  }));
  return Status::Ok();
}

Status MediaService::ChangeAttachment(std::int64_t article_id, std::int64_t media_id, bool attach,
                                      const auth::Principal& who, const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kWriteArticles))
    return Status::Denied(N_("You may not edit articles."));
  auto a = storage_.content().GetArticle(article_id);
  if (!a.ok()) return a.status();
  if (!a->has_value()) return Status::NotFound(N_("There is no such article."));
  if (!auth::CanEditArticle(who, (*a)->column_id, (*a)->created_by))
    return Status::Denied(N_("This article belongs to another editor."));
  if (attach) {
    auto m = storage_.content().GetMedia(media_id);
    if (!m.ok()) return m.status();
    if (!m->has_value() || (*m)->kind != "document")
      return Status::Invalid(N_("Choose a document from the media library."));
  }
  if ((*a)->status == kStatusPublished)
    return ProposeAttachmentChange(**a, media_id, attach, who, actor);
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(attach
                                ? tx.content().AddAttachment({article_id, media_id, 0, ""})
                                : tx.content().RemoveAttachment(article_id, media_id));
    // Attachments of an unpublished article are not public, but the row is
    // cheap and keeps every reader right if the article is published later
    // in the same second.
    PROCURA_RETURN_IF_ERROR(tx.changes()
                                .Append({0, "article", article_id, {(*a)->column_id}, NowUnix()})
                                .status());
    return audit_.Write(tx, actor, attach ? "article.attach" : "article.detach", "article",
                        article_id, fmt::format("media {}", media_id));
  }));
  events_.Publish({"article", article_id, {(*a)->column_id}});
  return Status::Ok();
}

}  // namespace procura
