#include "content/site_links.h"

#include <memory>
#include <string>

#include "content/image_sizes.h"
#include "core/text.h"

namespace procura {

Result<safety::LinkCheck> SiteLinkCheck(Storage& storage) {
  auto site = storage.content().GetSite();
  if (!site.ok() && site.status().code() != Status::Code::kNotFound) return site.status();
  auto columns = storage.content().ListColumns();
  if (!columns.ok()) return columns.status();
  auto media = storage.content().ListMedia();
  if (!media.ok()) return media.status();
  safety::LinkCheck check;
  if (site.ok()) check.own_origin = site->public_url;
  auto cols = std::make_shared<std::vector<ColumnRecord>>(std::move(*columns));
  auto files = std::make_shared<std::vector<MediaRecord>>(std::move(*media));
  check.resolves = [&storage, cols, files](std::string_view path) -> bool {
    for (std::string_view lang : {"/en", "/zh"})
      if (path.substr(0, lang.size() + 1) == std::string(lang) + "/") path.remove_prefix(lang.size());
    auto segment = [&](std::string_view prefix) -> std::optional<std::string_view> {
      if (path.substr(0, prefix.size()) != prefix) return std::nullopt;
      std::string_view rest = path.substr(prefix.size());
      return rest.substr(0, rest.find('/'));
    };
    if (auto id = segment("/articles/")) {
      auto n = ParsePositiveId(*id);
      if (!n) return false;
      auto found = storage.content().GetArticle(*n);
      return found.ok() && found->has_value() && (**found).status == kStatusPublished;
    }
    if (auto slug = segment("/columns/")) {
      for (const auto& c : *cols)
        if (c.slug == *slug && !c.hidden) return true;
      return false;
    }
    if (auto name = segment("/media/")) {
      for (const auto& m : *files) {
        if (m.stored_name == *name) return true;
        for (const auto& size : ImageSizes(m))
          if (size.name == *name) return true;
      }
      return false;
    }
    return true;  // the site's other pages (home, search, feeds) always exist
  };
  return check;
}

}  // namespace procura
