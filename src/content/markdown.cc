#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstring>
#include <memory>
#include <string_view>
#include <mutex>
#include <vector>

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

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// The first "<run>inner<run>" in `s` from `from` whose inner text is not
// empty, does not start or end with a space and holds no '*'; npos if none.
std::pair<std::size_t, std::size_t> FindPair(std::string_view s, std::string_view run) {
  for (std::size_t open = s.find(run); open != std::string_view::npos; open = s.find(run, open + 1)) {
    const std::size_t inner = open + run.size();
    if ((open > 0 && s[open - 1] == '*') || inner >= s.size() || s[inner] == '*' ||
        IsSpace(s[inner]))
      continue;
    const std::size_t close = s.find(run, inner);
    if (close == std::string_view::npos) return {std::string_view::npos, 0};
    const std::string_view body = s.substr(inner, close - inner);
    if (body.find('*') != std::string_view::npos || IsSpace(body.back())) continue;
    if (close + run.size() < s.size() && s[close + run.size()] == '*') continue;
    return {open, close};
  }
  return {std::string_view::npos, 0};
}

cmark_node* TextNode(std::string_view text) {
  cmark_node* n = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(n, std::string(text).c_str());
  return n;
}

// Splits text node `n` at each "<run>inner<run>" into text, a `wrap` node
// holding the inner text, and the rest.
void SplitRuns(cmark_node* n, std::string_view run, cmark_node_type wrap) {
  while (n) {
    const std::string s = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
    const auto [open, close] = FindPair(s, run);
    if (open == std::string_view::npos) return;
    if (open > 0) cmark_node_insert_before(n, TextNode(std::string_view(s).substr(0, open)));
    cmark_node* w = cmark_node_new(wrap);
    cmark_node_append_child(w, TextNode(std::string_view(s).substr(open + run.size(),
                                                                   close - open - run.size())));
    cmark_node_insert_before(n, w);
    const std::string rest = s.substr(close + run.size());
    if (rest.empty()) {
      cmark_node_free(n);
      return;
    }
    cmark_node_set_literal(n, rest.c_str());
  }
}

// CommonMark does not let "**" close after punctuation when a letter
// follows, so "**本文为示例文章。**正文" keeps its asterisks: Chinese puts
// full-width punctuation right before the next word, with no space. cmark
// leaves such runs as literal text; this turns "**x**" (strong) and "*x*"
// (emphasis) left inside one text node into what the writer meant. What
// cmark matched is untouched; a pair that spans a link or code stays
// literal, and so do backslash-escaped asterisks that form such a pair.
std::vector<cmark_node*> TextNodesWithStar(cmark_node* doc) {
  std::vector<cmark_node*> texts;  // collected first: splitting changes the tree
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    const char* lit = ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT
                          ? cmark_node_get_literal(n)
                          : nullptr;
    if (lit && std::strchr(lit, '*')) texts.push_back(n);
  }
  cmark_iter_free(it);
  return texts;
}

void PairCjkEmphasis(cmark_node* doc) {
  for (cmark_node* n : TextNodesWithStar(doc)) SplitRuns(n, "**", CMARK_NODE_STRONG);
  for (cmark_node* n : TextNodesWithStar(doc)) SplitRuns(n, "*", CMARK_NODE_EMPH);
}

// Chinese text: ideographs, CJK punctuation, full-width forms, and the
// curly quotes, dash and ellipsis Chinese writing uses.
bool IsChineseText(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2018 && c <= 0x201D) || c == 0x2014 || c == 0x2026;
}

// The character at the end (or start) of inline node `n`'s text, looking
// into emphasis and links; 0 when it ends (or starts) with something else.
char32_t EdgeOf(cmark_node* n, bool end) {
  while (n && cmark_node_get_type(n) != CMARK_NODE_TEXT)
    n = end ? cmark_node_last_child(n) : cmark_node_first_child(n);
  const char* lit = n ? cmark_node_get_literal(n) : nullptr;
  if (!lit) return 0;
  return end ? LastCodePoint(lit) : DecodeUtf8At(lit, 0).c;
}

// Chinese is never wrapped by hand: a single line break between two runs
// of Chinese text is where the writer started a new paragraph, as in a
// word processor (Markdown would join the lines, and a browser would show
// a space between them). Each top-level paragraph is split there. English
// keeps Markdown's rule: lines join until an empty line.
void SplitChineseLines(cmark_node* doc) {
  for (cmark_node* para = cmark_node_first_child(doc); para; para = cmark_node_next(para)) {
    if (cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) continue;
    for (cmark_node* n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
      cmark_node* next = cmark_node_next(n);
      if (cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK || !next ||
          !IsChineseText(EdgeOf(cmark_node_previous(n), true)) || !IsChineseText(EdgeOf(next, false)))
        continue;
      cmark_node* rest = cmark_node_new(CMARK_NODE_PARAGRAPH);
      cmark_node_insert_after(para, rest);
      while (next) {  // the rest of the line's paragraph moves to the new one
        cmark_node* after = cmark_node_next(next);
        cmark_node_append_child(rest, next);
        next = after;
      }
      cmark_node_free(n);  // the line break itself
      break;  // the outer loop goes on with `rest`
    }
  }
}

// A table wider than a phone scrolls inside a box of its own instead of
// widening the page (WCAG 1.4.10 reflow); the box takes focus, so a
// keyboard can scroll it too. Raw HTML is escaped, so every "<table>" in
// the output is a table's.
std::string WrapTables(std::string html) {
  static constexpr std::string_view kOpen = "<table>", kClose = "</table>";
  static constexpr std::string_view kBoxOpen = "<div class=\"table-scroll\" tabindex=\"0\"><table>";
  static constexpr std::string_view kBoxClose = "</table></div>";
  if (html.find(kOpen) == std::string::npos) return html;
  std::string out;
  out.reserve(html.size() + 64);
  for (std::size_t i = 0; i < html.size();) {
    if (html.compare(i, kOpen.size(), kOpen) == 0) {
      out += kBoxOpen;
      i += kOpen.size();
    } else if (html.compare(i, kClose.size(), kClose) == 0) {
      out += kBoxClose;
      i += kClose.size();
    } else {
      out += html[i++];
    }
  }
  return out;
}

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
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(keep.get()));
  if (doc) {
    PairCjkEmphasis(doc.get());
    SplitChineseLines(doc.get());
  }
  return doc;
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
  return WrapTables(std::move(out));
}

// The leading blocks of `md` that certainly hold max_chars characters of
// text: an excerpt of a long article then parses a few paragraphs, not the
// whole text. Cut only at a blank line, and only when the text defines no
// link references (a later "[x]: url" can change how an early "[x]" reads).
static std::string_view LeadingBlocks(std::string_view md, std::size_t max_chars) {
  const std::size_t enough = max_chars * 8 + 1024;  // bytes: markup and 4-byte characters
  if (md.size() <= enough || md.find("]:") != std::string_view::npos) return md;
  const std::size_t blank = md.find("\n\n", enough);
  return blank == std::string_view::npos ? md : md.substr(0, blank);
}

static std::string ExcerptOf(std::string_view md, std::size_t max_chars) {
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

std::string MarkdownExcerpt(std::string_view md, std::size_t max_chars) {
  // The leading blocks, when they hold enough text to be cut (a code block
  // or other text the excerpt skips may leave them short: then the whole).
  if (const std::string_view lead = LeadingBlocks(md, max_chars); lead.size() < md.size())
    if (std::string e = ExcerptOf(lead, max_chars); e.ends_with("…")) return e;
  return ExcerptOf(md, max_chars);
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
