// The media files a text names: pure text, so that storage can keep its
// index of which article shows which file (article_media_refs) with the
// same reading the publisher and the export use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace procura {

// The file names `text` (Markdown or HTML) links to under /media/, as
// written (a responsive size "<stem>-w480.jpg" stays itself); each once,
// in order of appearance.
std::vector<std::string> MediaFileNamesIn(std::string_view text);
// The same, a responsive size given as the file it was made from
// ("<stem>.jpg"): the stored names of the media items `text` shows.
std::vector<std::string> StoredMediaNamesIn(std::string_view text);

}  // namespace procura
