// SVG graphics for the records pages: QR codes (libqrencode) and bar
// charts. Both carry their meaning as text for screen readers: the QR code
// names its URL, a chart has a <title>, a <desc> and per-bar labels, and
// the pages put the same figures in a table next to it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura {

// An SVG QR code (error correction M, 4-module quiet zone) for `text`,
// with role="img" and `label` as its accessible name. Invalid if the text
// does not fit in a QR code.
Result<std::string> QrSvg(std::string_view text, std::string_view label);

struct Bar {
  std::string label;
  double value = 0;
};

// A horizontal bar chart as HTML: a <dl> whose terms are the labels (as
// text, so they wrap and stay legible on a phone) and whose definitions
// hold a decorative SVG bar (aria-hidden) and the value with `unit`
// ("h", "%", …). Bars are scaled to the largest value. The caller names
// the chart (a <figure> with a <figcaption>).
std::string BarChartHtml(const std::vector<Bar>& bars, std::string_view unit);

}  // namespace procura
