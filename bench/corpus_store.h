// Stores the generated corpus (corpus.h) as published articles in a procura
// data directory, for the benchmarks that need a real site: search, static
// export. Deterministic apart from the media files' random stored names.
#pragma once

#include <filesystem>

#include "corpus.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura::bench {

// How many distinct lead images the corpus's articles take turns with.
inline constexpr int kLeadImages = 20;
// Bumped whenever StoreCorpus stores something else for the same N.
inline constexpr int kStoreVersion = 1;

// Articles 0..n-1 of the corpus (seed 42) in five columns "c0".."c4",
// published ten minutes apart, each with a lead image, its alt text and a
// caption. The images are `photo` (a JPEG) re-encoded with its responsive
// sizes exactly as an upload is, stored kLeadImages times under `media_dir`.
// Commits every few thousand articles, so a million do not make one
// transaction. Prints one line: articles, Markdown size, seconds.
Status StoreCorpus(const Corpus& corpus, Storage& storage, const std::filesystem::path& media_dir,
                   const std::filesystem::path& photo, long n);

}  // namespace procura::bench
