// The responsive sizes of an image in the media library. An upload keeps
// the original and narrower copies, listed in MediaRecord::variants as
// "480:a-w480.jpg;960:a-w960.jpg" (width in px, then the stored name).
// Every reader of that field goes through here.
#pragma once

#include <string>
#include <vector>

#include "storage/records.h"

namespace procura {

struct ImageSize {
  long width = 0;    // px
  std::string name;  // the stored file name
};

// The sizes `m.variants` lists, in its order (narrowest first as stored);
// a malformed part (no colon, no positive width, no name) is skipped.
// Empty for a document or an image too narrow to have any.
std::vector<ImageSize> ImageSizes(const MediaRecord& m);

// `sizes` as MediaRecord::variants holds them (ImageSizes reads it back).
std::string ImageSizesField(const std::vector<ImageSize>& sizes);

// The stored name of the narrowest size (a thumbnail), or the original
// when no size is narrower than it.
std::string SmallestSize(const MediaRecord& m);

// The stored name of the widest size at most `max_width` px wide, or the
// original when it is no wider than that or no size fits.
std::string WidestSizeUpTo(const MediaRecord& m, long max_width);

}  // namespace procura
