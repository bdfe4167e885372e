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

std::string BarChartSvg(std::string_view title, std::string_view description,
                        const std::vector<Bar>& bars, std::string_view unit) {
  const int row = 28, label_w = 260, bar_w = 320, width = label_w + bar_w + 80;
  const int height = std::max<int>(row, static_cast<int>(bars.size()) * row) + 8;
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" class=\"chart\" "
      "role=\"img\" aria-labelledby=\"chart-title chart-desc\"><title id=\"chart-title\">{2}"
      "</title><desc id=\"chart-desc\">{3}</desc>",
      width, height, HtmlEscape(title), HtmlEscape(description));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row + 4;
    const double w = max > 0 ? bars[i].value / max * bar_w : 0;
    out += fmt::format(
        "<g><text x=\"{0}\" y=\"{1}\" text-anchor=\"end\" class=\"chart-label\">{2}</text>"
        "<rect x=\"{3}\" y=\"{4}\" width=\"{5:.1f}\" height=\"{6}\" class=\"chart-bar\"/>"
        "<text x=\"{7:.1f}\" y=\"{1}\" class=\"chart-value\">{8:g}{9}</text></g>",
        label_w - 8, y + 18,
        HtmlEscape(Utf8Length(bars[i].label) > 24 ? Utf8Prefix(bars[i].label, 23) + "…"
                                                  : bars[i].label),
        label_w, y + 4, w, row - 8, label_w + w + 6, bars[i].value, HtmlEscape(unit));
  }
  return out + "</svg>";
}

}  // namespace procura
