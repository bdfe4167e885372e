// TrainingAdmin: class materials (MaterialsService checks who may
// download) and the class's photos.
#include <fmt/format.h>

#include "core/text.h"
#include "http/multipart.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_training.h"
#include "web/admin/records_photos.h"
#include "web/status_http.h"

namespace procura::web {

Response TrainingAdmin::UploadMaterial(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return d_.kit.Message(ctx, 400, N_("Not uploaded"), parts.status());
  const http::FormPart* file = http::FindPart(*parts, "file");
  const http::FormPart* title = http::FindPart(*parts, "title");
  const http::FormPart* session = http::FindPart(*parts, "session");
  if (!file || file->filename.empty())
    return d_.kit.Message(ctx, 422, N_("Not uploaded"), N_("Choose a file to upload."));
  auto mid = d_.materials.Upload(ctx.who(), ctx.actor, *id,
                                 session ? ParsePositiveId(session->data) : std::nullopt,
                                 title ? std::string(title->data) : "", file->data, file->filename);
  if (!mid.ok())
    return d_.kit.Message(ctx, HttpStatusFor(mid.status()), N_("Not uploaded"), mid.status());
  return AdminKit::Done(fmt::format("/admin/training/{}#materials", *id), "uploaded");
}

Response TrainingAdmin::DownloadMaterial(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("mid"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such file."));
  auto f = d_.materials.Open(ctx.who(), *id);
  if (!f.ok())
    return d_.kit.Message(ctx, HttpStatusFor(f.status()), N_("Not available"), f.status());
  Response res = Response::Text(200, std::move(f->bytes), f->record.mime);
  res.SetHeader("Content-Disposition",
                "attachment; filename=\"material" +
                    f->record.stored_name.substr(f->record.stored_name.rfind('.')) +
                    "\"; filename*=UTF-8''" + UrlEncode(f->record.file_name));
  return res;
}

Response TrainingAdmin::DeleteMaterial(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("mid"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such file."));
  auto m = d_.storage.attendance().GetMaterial(*id);
  if (m.ok() && m->has_value())
    if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Remove this material from the class?"), {},
                                fmt::format("/admin/training/{}#materials", (*m)->class_id)))
      return *ask;
  Status s = d_.materials.Delete(ctx.who(), ctx.actor, *id);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not deleted"), s);
  return AdminKit::SeeOther(m.ok() && m->has_value()
                      ? fmt::format("/admin/training/{}#materials", (*m)->class_id)
                      : "/admin/training");
}

Response TrainingAdmin::AddPhoto(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto c = id ? d_.training.Find(*id) : Result<ClassRecord>(Status::NotFound(N_("There is no such class.")));
  if (!c.ok()) return d_.kit.Message(ctx, HttpStatusFor(c.status()), N_("Not found"), c.status());
  if (Status room = training::ClassPhotoRoom(*c); !room.ok())
    return d_.kit.Message(ctx, 422, N_("Photo not added"), room);
  auto stored = StoreRecordsPhoto(d_.media, req, c->title, ctx);
  if (!stored.ok())
    return d_.kit.Message(ctx, HttpStatusFor(stored.status()), N_("Photo not added"), stored.status());
  Status s = d_.training.AddPhoto(ctx.who(), ctx.actor, *id, stored->id);
  if (!s.ok()) {
    (void)d_.media.DeleteRecordsPhotoIfUnused(stored->id, ctx.who(), ctx.actor);
    return d_.kit.Message(ctx, HttpStatusFor(s), N_("Photo not added"), s);
  }
  return AdminKit::Done(fmt::format("/admin/training/{}#photos", *id), "uploaded");
}

// Takes a photo off the class; the file goes too unless a published
// article showed it or something else uses it.
Response TrainingAdmin::RemovePhoto(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto media = PhotoInForm(req);
  if (!media) return d_.kit.Message(ctx, 422, N_("Photo not removed"), N_("The class has no such photo."));
  const std::string back = fmt::format("/admin/training/{}#photos", *id);
  if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Remove this photo from the class? Unless a published report shows it, the photo is deleted."), {}, back))
    return *ask;
  Status s = d_.training.RemovePhoto(ctx.who(), ctx.actor, *id, *media);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Photo not removed"), s);
  (void)d_.media.DeleteRecordsPhotoIfUnused(*media, ctx.who(), ctx.actor);
  return AdminKit::Done(back, "photo-removed");
}

// Moves a photo to the front of the class's list, so the news report made
// from the class opens with it.
Response TrainingAdmin::LeadPhoto(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto media = PhotoInForm(req);
  Status s = media ? d_.training.LeadWithPhoto(ctx.who(), ctx.actor, *id, *media)
                   : Status::NotFound(N_("The class has no such photo."));
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Photo not moved"), s);
  return AdminKit::Done(fmt::format("/admin/training/{}#photos", *id), "photo-lead");
}

}  // namespace procura::web
