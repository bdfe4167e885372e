#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "content/image_sizes.h"
#include "content/media.h"
#include "content/media_files.h"

namespace procura {
namespace {

std::string Fixture(const char* name) {
  std::ifstream in(std::filesystem::path(PROCURA_SOURCE_DIR) / "tests/fixtures" / name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Sniff, ByContentNotByName) {
  EXPECT_EQ(SniffFileType(Fixture("photo-with-exif.jpg"), "x.png")->mime, "image/jpeg");
  EXPECT_EQ(SniffFileType("\x89PNG\r\n\x1A\nrest", "a.jpg")->mime, "image/png");
  EXPECT_EQ(SniffFileType(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16), "a")->mime, "image/webp");
  EXPECT_EQ(SniffFileType(Fixture("sample.pdf"), "report.doc")->mime, "application/pdf");
  EXPECT_EQ(SniffFileType(std::string("PK\x03\x04", 4) + "....word/document.xml", "a.zip")->ext,
            ".docx");
  EXPECT_EQ(SniffFileType(std::string("PK\x03\x04", 4) + "....xl/workbook.xml", "a")->ext, ".xlsx");
  EXPECT_FALSE(SniffFileType(std::string("PK\x03\x04", 4) + "evil.exe", "a.docx"));
  const std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  EXPECT_EQ(SniffFileType(ole, "budget.XLS")->ext, ".xls");
  EXPECT_EQ(SniffFileType(ole, "minutes.doc")->ext, ".doc");
  EXPECT_FALSE(SniffFileType("<html><script>", "photo.jpg"));
  EXPECT_FALSE(SniffFileType("GIF89a", "a.gif"));
  EXPECT_FALSE(SniffFileType("", "a.jpg"));
}

TEST(Reencode, StripsMetadataAndAppendedData) {
  for (const char* name : {"photo-with-exif.jpg", "polyglot.jpg"}) {
    const std::string in = Fixture(name);
    ASSERT_NE(in.find("GPSLatitude"), std::string::npos);
    auto out = ReencodeImage(in, *SniffFileType(in, name));
    ASSERT_TRUE(out.ok()) << out.status().message();
    EXPECT_EQ(out->bytes.find("Exif"), std::string::npos) << name;
    EXPECT_EQ(out->bytes.find("GPSLatitude"), std::string::npos) << name;
    EXPECT_EQ(out->bytes.find("<script"), std::string::npos) << name;
    EXPECT_EQ(out->width, 2000);
    EXPECT_EQ(out->height, 1200);
    ASSERT_EQ(out->variants.size(), 3u);  // 480, 960, 1600
    EXPECT_EQ(out->variants[0].width, 480);
    EXPECT_EQ(out->variants[0].bytes.find("GPSLatitude"), std::string::npos);
  }
}

TEST(Reencode, RefusesTruncatedImages) {
  const std::string in = Fixture("photo-with-exif.jpg").substr(0, 600);
  auto out = ReencodeImage(in, FileType{"image/jpeg", ".jpg", true});
  EXPECT_FALSE(out.ok());
  EXPECT_EQ(out.status().msgid().rfind("The image", 0), 0u) << out.status().msgid();
}

TEST(MediaLinks, NamesTheStoredFilesABodyLinksToOnceEach) {
  const std::string md =
      "![会场](/media/0a1b2c.jpg) and <img srcset=\"/media/0a1b2c-w480.jpg 480w, "
      "/media/ffee-w960.png 960w\"> [下载](https://example.gov.cn/media/doc1.pdf \"t\") "
      "/media/ /media/x-wide.jpg /media/y-w.jpg /mediaz/no.jpg";
  EXPECT_EQ(StoredMediaNamesIn(md),
            (std::vector<std::string>{"0a1b2c.jpg", "ffee.png", "doc1.pdf", "x-wide.jpg", "y-w.jpg"}));
  EXPECT_TRUE(StoredMediaNamesIn("no links here").empty());
  EXPECT_EQ(MediaFileNamesIn(md), (std::vector<std::string>{"0a1b2c.jpg", "0a1b2c-w480.jpg", "ffee-w960.png",
                                                            "doc1.pdf", "x-wide.jpg", "y-w.jpg"}));
}

TEST(FileNames, AreSanitized) {
  EXPECT_EQ(SanitizeFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(SanitizeFileName("C:\\Users\\x\\报告.pdf"), "报告.pdf");
  EXPECT_EQ(SanitizeFileName("a\"<b>\r\n.pdf"), "ab.pdf");
  EXPECT_EQ(SanitizeFileName("...hidden"), "hidden");
  EXPECT_EQ(SanitizeFileName(""), "file");
  EXPECT_EQ(SanitizeFileName("\xff\xfe.pdf"), "file");
}

// An image 2000 px wide with 480 and 960 px copies, and a malformed list.
TEST(ImageSizes, ReadTheVariantsAndPickBySize) {
  MediaRecord m;
  m.stored_name = "a.jpg";
  m.width = 2000;
  m.variants = "480:a-w480.jpg;960:a-w960.jpg";
  auto sizes = ImageSizes(m);
  ASSERT_EQ(sizes.size(), 2u);
  EXPECT_EQ(sizes[1].width, 960);
  EXPECT_EQ(sizes[1].name, "a-w960.jpg");
  EXPECT_EQ(SmallestSize(m), "a-w480.jpg");
  EXPECT_EQ(WidestSizeUpTo(m, 960), "a-w960.jpg");
  EXPECT_EQ(WidestSizeUpTo(m, 959), "a-w480.jpg");
  EXPECT_EQ(WidestSizeUpTo(m, 100), "a.jpg") << "no size fits: the original";
  EXPECT_EQ(WidestSizeUpTo(m, 2000), "a.jpg") << "the original is no wider";
  EXPECT_EQ(ImageSizesField(ImageSizes(m)), m.variants) << "written as read";
  EXPECT_EQ(ImageSizesField({}), "");

  m.variants = "x:a.jpg;0:zero.jpg;480:;480a:b.jpg;;300:c-w300.jpg";
  sizes = ImageSizes(m);
  ASSERT_EQ(sizes.size(), 1u);
  EXPECT_EQ(sizes[0].name, "c-w300.jpg");

  MediaRecord doc;
  doc.stored_name = "d.pdf";
  doc.kind = "document";
  EXPECT_TRUE(ImageSizes(doc).empty());
  EXPECT_EQ(SmallestSize(doc), "d.pdf");
}

}  // namespace
}  // namespace procura
