// Parts of the article page that stand on their own: the lead figure (with
// its responsive sizes), the list of attachments, and the page's metadata
// for search engines and sharing (description, lead image, dates). Pure
// functions of the snapshot, like the page builders that use them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "render/page_meta.h"
#include "render/portal_pages.h"

namespace procura {

// The lead image as the template's `figure`: address, size, alt text (the
// article's own before the library's), caption and srcset; nullopt when
// the article has none or its image is gone.
std::optional<TemplateData> LeadFigure(const PageContext& ctx, const ArticleRecord& a);

// `html`, a stored body, with each picture from the media library given
// what the lead figure has: its size (so the page does not jump as it
// loads), its responsive sizes, and lazy loading. A picture with a title
// (`![alt](/media/x.jpg "caption")`) alone in its paragraph becomes a
// figure with the title as its caption, like the lead image's. Other
// images and text are left as they are. `staff_files`, for the newsroom's
// preview: the address prefix ("/admin/media-file/") a private picture (a
// meeting photo no published article has shown yet) is drawn from instead
// of /media/, without its other sizes (public files made on release);
// "" on the portal.
std::string ResponsiveBodyImages(std::string_view html, const SiteSnapshot& snap,
                                 std::string_view staff_files = {});

// The article's published attachments: address, name, kind and size.
TemplateData AttachmentList(const PageContext& ctx, std::int64_t article_id);

// The article's description (the start of its text), lead image and dates.
PageMeta ArticleMeta(const PageContext& ctx, const ArticleRecord& a);

}  // namespace procura
