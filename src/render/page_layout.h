// What every portal page's layout shows around its content: the site's
// name, filings and assets, the reader's font size and elderly-friendly
// view, the other language's page, and the navigation. Pure: no I/O.
#pragma once

#include <cstdint>
#include <string>

#include "render/portal_pages.h"

namespace procura {

// The page in the other language: its URL there, and whether it is the
// same content (an article's translation, a column, the home page), which
// makes the two pages hreflang alternates of each other.
struct OtherLanguagePage {
  std::string self_path;   // this page's path without the language prefix
  std::string other_path;  // the other language's page, likewise
  bool alternate = true;
};

// The site's name in the page's language.
const std::string& SiteNameIn(const PageContext& ctx);

// The layout's data for a page titled `title` ("" for the home page).
// `current_top_column` is the navigation entry the page belongs to (0:
// Home, -1: none); `exact` is true when the page is that entry's own page.
kainjow::mustache::data LayoutData(const PageContext& ctx, const std::string& title,
                                   std::int64_t current_top_column, bool exact = false,
                                   const OtherLanguagePage& other = {"/", "/", true});

}  // namespace procura
