// Stores N articles of the generated corpus (corpus_store.h: five columns,
// lead images and captions) in a procura data directory, without a search
// index: the static export's benchmarks need the site, not the index, and
// a million articles index for most of an hour here.
//   build/bench/export_corpus N --data DIR
// DIR is kept and reused when it already holds this corpus of N articles.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "corpus.h"
#include "corpus_store.h"
#include "storage/storage.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 4 || std::string(argv[2]) != "--data") {
    std::fprintf(stderr, "usage: export_corpus N --data DIR\n");
    return 2;
  }
  const long n = std::stol(argv[1]);
  const fs::path dir = argv[3];
  const long version = procura::bench::Corpus::kVersion * 100 + procura::bench::kStoreVersion;
  const fs::path marker = dir / "export-articles";
  long stored = 0, stored_version = 0;
  if (std::ifstream in(marker); in) in >> stored >> stored_version;
  if (stored == n && stored_version == version) {
    std::printf("corpus: reusing %ld articles in %s\n", n, dir.c_str());
    return 0;
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string error;
  const auto corpus = procura::bench::Corpus::Load(&error);
  if (!corpus) {
    std::fprintf(stderr, "export_corpus: %s\n", error.c_str());
    return 2;
  }
  auto storage = procura::OpenSqliteStorage(dir);
  if (!storage.ok()) {
    std::fprintf(stderr, "export_corpus: %s\n", storage.status().message().c_str());
    return 1;
  }
  const fs::path photo = PROCURA_SOURCE_DIR "/tests/fixtures/photo-with-exif.jpg";
  if (auto s = procura::bench::StoreCorpus(*corpus, **storage, dir / "media", photo, n); !s.ok()) {
    std::fprintf(stderr, "export_corpus: %s\n", s.message().c_str());
    return 1;
  }
  std::ofstream(marker) << n << " " << version << "\n";
  return 0;
}
