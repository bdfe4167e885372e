#include "render/graphics.h"

#include <fmt/format.h>
#include <qrencode.h>

#include <algorithm>

#include "core/text.h"

namespace procura {

Result<std::string> QrSvg(std::string_view text, std::string_view label) {
  const std::string input(text);
  QRcode* qr = QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return Status::Invalid("qr: the text does not fit in a QR code");
  const int n = qr->width, quiet = 4, size = n + 2 * quiet;
  std::string path;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (qr->data[y * n + x] & 1) path += fmt::format("M{} {}h1v1h-1z", x + quiet, y + quiet);
  QRcode_free(qr);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" role=\"img\" "
      "aria-label=\"{1}\" shape-rendering=\"crispEdges\"><rect width=\"{0}\" height=\"{0}\" "
      "fill=\"#fff\"/><path fill=\"#000\" d=\"{2}\"/></svg>",
      size, HtmlEscape(label), path);
}

std::string BarChartHtml(const std::vector<Bar>& bars, std::string_view unit) {
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  std::string out = "<dl class=\"bar-chart\">";
  for (const auto& bar : bars) {
    const double width = max > 0 ? bar.value / max * 100 : 0;
    out += fmt::format(
        "<div class=\"bar-row\"><dt>{}</dt><dd><svg class=\"bar\" viewBox=\"0 0 100 10\" "
        "preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect "
        "width=\"{:.1f}\" height=\"10\"/></svg><span class=\"bar-value\">{:g}{}</span></dd></div>",
        HtmlEscape(bar.label), width, bar.value, HtmlEscape(unit));
  }
  return out + "</dl>";
}

}  // namespace procura
