#pragma once
// Storage in a folder on disk: the user's data folder on the desktop. Writes are atomic
// (a temporary file next to the target, fsync, rename over it, fsync the folder), so a
// crash or power loss leaves either the old or the new document, never a torn one.
#include <string>

#include "ui/platform.h"

namespace press::native {

class FileStorage final : public ui::Storage {
 public:
  // root is created (0700: the settings hold an access token) when missing.
  explicit FileStorage(std::string root);

  void list(const std::string& folder, ListDone done) override;
  void read(const std::string& path, ReadDone done) override;
  void write(const std::string& path, std::string data, WriteDone done) override;
  void remove(const std::string& path, WriteDone done) override;
  void move_aside(const std::string& path, MoveDone done) override;
  std::string describe(const std::string& path) const override;

  const std::string& root() const { return root_; }

 private:
  bool resolve(const std::string& path, std::string& full, std::string& error) const;
  std::string root_;
};

// The same atomic write for any absolute path (exports). Empty on success, else the reason.
std::string write_file_atomically(const std::string& path, const std::string& data,
                                  unsigned mode = 0644);
// Reads a whole file; false with the reason (and missing set for ENOENT).
bool read_whole_file(const std::string& path, std::string& out, std::string& error,
                     bool* missing = nullptr, size_t limit = size_t(64) << 20);
// mkdir -p with the given mode for created folders.
bool make_folders(const std::string& path, unsigned mode, std::string& error);

// $XDG_DATA_HOME/portalpress, else ~/.local/share/portalpress.
std::string default_data_dir();

}  // namespace press::native
