#include "render/http_error_pages.h"

namespace procura {
namespace {

constexpr int kStatuses[] = {400, 413, 431, 500, 503};

TemplateData ErrorData(int status, HttpErrorLimits limits) {
  TemplateData d;
  d.set("status", std::to_string(status));
  d.set("is" + std::to_string(status), TemplateTrue());
  d.set("upload_mib", std::to_string(limits.max_upload_bytes >> 20));
  d.set("body_kib", std::to_string(limits.max_body_bytes >> 10));
  return d;
}

}  // namespace

Result<std::map<int, std::string>> RenderHttpErrorPages(const TemplateSet& templates,
                                                        const AssetTable& assets,
                                                        HttpErrorLimits limits) {
  std::map<int, std::string> pages;
  for (int status : kStatuses) {
    auto title = templates.Render("http_error_title", ErrorData(status, limits), i18n::Lang::kZh);
    TemplateData main = ErrorData(status, limits);
    main.set("main", TemplateTrue());  // the page's h1; the English text follows under an h2
    auto zh = templates.Render("http_error_text", std::move(main), i18n::Lang::kZh);
    auto en = templates.Render("http_error_text", ErrorData(status, limits), i18n::Lang::kEn);
    if (!title.ok()) return title.status();
    if (!zh.ok()) return zh.status();
    if (!en.ok()) return en.status();
    TemplateData page = ErrorData(status, limits);
    page.set("title", *title);
    page.set("css", assets.Url("css/site.css"));
    page.set("first", *zh);
    page.set("second", *en);
    page.set("second_lang", std::string(i18n::Tag(i18n::Lang::kEn)));
    auto html = templates.Render("http_error", std::move(page), i18n::Lang::kZh);
    if (!html.ok()) return html.status();
    pages.emplace(status, std::move(*html));
  }
  return pages;
}

}  // namespace procura
