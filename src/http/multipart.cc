#include "http/multipart.h"

#include <algorithm>

namespace procura::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `key` in a header parameter list ("form-data; name=\"x\"").
std::string Param(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    std::string_view rest = Trim(header.substr(pos + 1));
    pos++;
    if (rest.size() <= key.size() || rest.substr(0, key.size()) != key || rest[key.size()] != '=')
      continue;
    rest.remove_prefix(key.size() + 1);
    if (!rest.empty() && rest.front() == '"') {
      std::string out;
      for (size_t i = 1; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        out += rest[i];
      }
      return out;
    }
    return std::string(rest.substr(0, rest.find(';')));
  }
  return "";
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (content_type.substr(0, 19) != "multipart/form-data")
    return Status::Invalid(N_("The upload is damaged (not multipart/form-data). Try again."));
  const std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return Status::Invalid(N_("The upload is damaged ({what}). Try again."), {{"what", "no boundary"}});
  const std::string delim = "--" + boundary;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return Status::Invalid(N_("The upload is damaged ({what}). Try again."), {{"what", "malformed body"}});
  std::vector<FormPart> parts;
  for (;;) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Status::Invalid(N_("The upload is damaged ({what}). Try again."), {{"what", "malformed body"}});
    pos += 2;
    const size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos || head_end - pos > 8192)
      return Status::Invalid(N_("The upload is damaged ({what}). Try again."), {{"what", "malformed part headers"}});
    FormPart part;
    std::string_view headers = body.substr(pos, head_end - pos);
    while (!headers.empty()) {
      const size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view name = Trim(line.substr(0, colon)),
                             value = Trim(line.substr(colon + 1));
      if (IEquals(name, "Content-Disposition")) {
        part.name = Param(value, "name");
        part.filename = Param(value, "filename");
      } else if (IEquals(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    const size_t data_start = head_end + 4;
    const size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return Status::Invalid(N_("The upload is damaged ({what}). Try again."), {{"what", "the body is cut short"}});
    part.data = body.substr(data_start, next - data_start);
    parts.push_back(std::move(part));
    if (parts.size() > 32) return Status::Invalid(N_("The upload is damaged ({what}). Try again."), {{"what", "too many parts"}});
    pos = next + 2;
  }
}

const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace procura::http
