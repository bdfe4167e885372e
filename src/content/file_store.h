// Files the newsroom stores (media, training materials, import previews),
// as every node must see them. The data dir holds them under
// <root>/<area>/<name> as always; when the database shares files
// (PostgreSQL), each write also goes to the database, and a read that
// misses locally fetches the database's copy into the local dir, which is
// then a node-local cache. So a file uploaded on one node downloads from
// any other, and PostgreSQL's replication carries files with the rows
// that name them.
//
// Why the database and not a shared directory: it is the one thing every
// node already reaches and replicates; an NFS mount would be a second
// shared service, and a second single point of failure.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"
#include "storage/storage.h"

namespace procura {

class FileStore {
 public:
  // `root`: the data dir. `storage` must outlive the store.
  FileStore(Storage& storage, std::filesystem::path root)
      : storage_(storage), root_(std::move(root)) {}

  // Stores `bytes` as area/name: durably in the local dir, then in the
  // database when it shares files. On an error nothing is left behind.
  Status Write(const std::string& area, const std::string& name, std::string_view bytes);
  // The bytes of area/name. NotFound if neither the local dir nor the
  // database has them.
  Result<std::string> Read(const std::string& area, const std::string& name);
  // Makes sure area/name is in the local dir (fetching it if needed);
  // NotFound if it exists nowhere.
  Status EnsureLocal(const std::string& area, const std::string& name);
  // Removes area/name everywhere; a missing file is not an error.
  Status Remove(const std::string& area, const std::string& name);

  std::filesystem::path Dir(const std::string& area) const { return root_ / area; }

 private:
  static std::string Key(const std::string& area, const std::string& name) {
    return area + "/" + name;
  }
  Storage& storage_;
  std::filesystem::path root_;
};

}  // namespace procura
