#include "corpus_store.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "content/markdown.h"
#include "content/media_files.h"
#include "core/clock.h"

namespace procura::bench {
namespace fs = std::filesystem;
namespace {

constexpr long kBatch = 5000;  // articles per transaction

Status WriteBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out.flush() ? Status::Ok() : Status::Io("cannot write " + file.string());
}

// kLeadImages media records, each the re-encoded photo and its sizes.
Result<std::vector<std::int64_t>> StoreLeadImages(Storage& storage, const fs::path& media_dir,
                                                  const fs::path& photo) {
  std::ifstream in(photo, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  auto type = SniffFileType(bytes, photo.filename().string());
  if (!type || !type->image) return Status::Invalid("not an image: " + photo.string());
  auto img = ReencodeImage(bytes, *type);
  if (!img.ok()) return img.status();
  fs::create_directories(media_dir);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kLeadImages; ++i) {
    MediaRecord m;
    const std::string stem = fmt::format("corpus{:02}", i);
    m.stored_name = stem + type->ext;
    m.mime = type->mime;
    m.kind = "image";
    m.original_name = photo.filename().string();
    m.alt_text = fmt::format("Photo {} of the corpus", i + 1);
    m.width = img->width;
    m.height = img->height;
    m.byte_size = static_cast<std::int64_t>(img->bytes.size());
    m.created_at = 1600000000;
    PROCURA_RETURN_IF_ERROR(WriteBytes(media_dir / m.stored_name, img->bytes));
    for (const auto& v : img->variants) {
      const std::string name = fmt::format("{}-w{}{}", stem, v.width, type->ext);
      PROCURA_RETURN_IF_ERROR(WriteBytes(media_dir / name, v.bytes));
      m.variants += fmt::format("{}{}:{}", m.variants.empty() ? "" : ";", v.width, name);
    }
    auto id = storage.content().InsertMedia(m);
    if (!id.ok()) return id.status();
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace

Status StoreCorpus(const Corpus& corpus, Storage& storage, const fs::path& media_dir,
                   const fs::path& photo, long n) {
  std::vector<std::int64_t> columns;
  for (int c = 0; c < 5; ++c) {
    ColumnRecord col;
    col.slug = "c" + std::to_string(c);
    col.name = "Column " + std::to_string(c);
    auto id = storage.content().InsertColumn(col);
    if (!id.ok()) return id.status();
    columns.push_back(*id);
  }
  auto images = StoreLeadImages(storage, media_dir, photo);
  if (!images.ok()) return images.status();
  // Ten minutes apart; a minute apart past 100,000, so that a million stay in the past.
  const long spacing = n > 100000 ? 60 : 600;
  const auto t0 = std::chrono::steady_clock::now();
  std::uintmax_t bytes = 0;
  for (long from = 0; from < n; from += kBatch) {
    PROCURA_RETURN_IF_ERROR(storage.InTransaction([&](Storage& tx) -> Status {
      for (long i = from; i < std::min(n, from + kBatch); ++i) {
        auto g = corpus.Article(42, static_cast<std::uint64_t>(i));
        ArticleRecord a;
        a.column_id = columns[g.column];
        a.title = g.title;
        a.body_md = g.body_md;
        a.body_html = RenderMarkdown(a.body_md).value();  // generated text: within budget
        a.status = kStatusPublished;
        a.published_at = 1600000000 + i * spacing;
        a.created_at = a.updated_at = *a.published_at;
        a.lead_media_id = (*images)[static_cast<std::size_t>(i % kLeadImages)];
        a.lead_alt = fmt::format("Photo {} of the corpus", i % kLeadImages + 1);
        a.lead_caption = fmt::format("图为第{}篇文章的配图（corpus photo {}）", i + 1, i % kLeadImages + 1);
        bytes += g.body_md.size();
        auto id = tx.content().InsertArticle(a);
        if (!id.ok()) return id.status();
      }
      return Status::Ok();
    }));
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("corpus: %ld articles, %.1f MiB of Markdown, %d lead images, generated and stored in %.1f s\n",
              n, bytes / 1048576.0, kLeadImages, s);
  return Status::Ok();
}

}  // namespace procura::bench
