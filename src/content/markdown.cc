#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

#include "content/markdown_budget.h"
#include "core/text.h"

namespace procura {
namespace {

void RegisterExtensionsOnce() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

std::unique_ptr<cmark_node, NodeDeleter> Parse(std::string_view md, cmark_parser** out_parser,
                                               std::unique_ptr<cmark_parser, ParserDeleter>& keep) {
  RegisterExtensionsOnce();
  keep.reset(cmark_parser_new(kOptions));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(keep.get(), ext);
  }
  cmark_parser_feed(keep.get(), md.data(), md.size());
  *out_parser = keep.get();
  return std::unique_ptr<cmark_node, NodeDeleter>(cmark_parser_finish(keep.get()));
}

}  // namespace

Result<std::string> RenderMarkdown(std::string_view md) {
  if (md.size() > kMaxMarkdownBytes)
    return Status::Invalid(N_("The text is too long: at most {kib} KiB."),
                           {{"kib", std::to_string(kMaxMarkdownBytes / 1024)}});
  if (!IsValidUtf8(md)) return Status::Invalid(N_("The text is not valid UTF-8."));
  PROCURA_RETURN_IF_ERROR(CheckMarkdownBudget(md));
  std::unique_ptr<cmark_parser, ParserDeleter> parser;
  cmark_parser* p = nullptr;
  auto doc = Parse(md, &p, parser);
  if (!doc) return Status::Internal("markdown parser failed");
  char* html = cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(p));
  std::string out(html ? html : "");
  free(html);
  return out;
}

std::string MarkdownExcerpt(std::string_view md, std::size_t max_chars) {
  if (md.size() > kMaxMarkdownBytes || !IsValidUtf8(md) || !CheckMarkdownBudget(md).ok())
    return {};
  std::unique_ptr<cmark_parser, ParserDeleter> parser;
  cmark_parser* p = nullptr;
  auto doc = Parse(md, &p, parser);
  if (!doc) return {};
  std::string text;
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    const cmark_node_type t = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) {
      text += cmark_node_get_literal(n);
    } else if (ev == CMARK_EVENT_ENTER &&
               (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)) {
      text += ' ';
    } else if (ev == CMARK_EVENT_EXIT && t == CMARK_NODE_PARAGRAPH) {
      text += ' ';
    }
    if (Utf8Length(text) > max_chars + 1) break;
  }
  cmark_iter_free(it);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (Utf8Length(text) <= max_chars) return text;
  // Cut at a code-point boundary.
  std::size_t chars = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == max_chars) break;
  }
  return text.substr(0, i) + "…";
}

std::string HtmlToText(std::string_view html) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string text;
  text.reserve(html.size());
  for (std::size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      if (!text.empty() && text.back() != ' ') text += ' ';
      i = close + 1;
      continue;
    }
    if (c == '&') {
      bool decoded = false;
      for (const auto& [name, ch] : kEntities) {
        if (html.substr(i, name.size()) == name) {
          text += ch;
          i += name.size();
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    if (c == '\n' || c == '\t' || c == ' ') {
      if (!text.empty() && text.back() != ' ') text += ' ';
    } else {
      text += c;
    }
    ++i;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace procura
