#include "platform/native/file_storage.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace press::native {

namespace {

std::string system_error(const char* what, const std::string& path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

std::string parent_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string name_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Makes a rename durable: the folder's entry must reach the disk too.
void sync_folder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::atomic<unsigned> g_temp_counter{0};

}  // namespace

bool make_folders(const std::string& path, unsigned mode, std::string& error) {
  if (path.empty()) return true;
  std::string partial;
  size_t i = 0;
  while (i <= path.size()) {
    const size_t slash = path.find('/', i);
    const size_t end = slash == std::string::npos ? path.size() : slash;
    partial = path.substr(0, end);
    if (!partial.empty() && ::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST) {
      error = system_error("cannot create", partial);
      return false;
    }
    if (slash == std::string::npos) break;
    i = slash + 1;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    error = "not a folder: " + path;
    return false;
  }
  return true;
}

bool read_whole_file(const std::string& path, std::string& out, std::string& error, bool* missing,
                     size_t limit) {
  if (missing) *missing = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (missing) *missing = errno == ENOENT;
    error = std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = S_ISDIR(st.st_mode) ? "is a folder" : "not a regular file";
    ::close(fd);
    return false;
  }
  if (size_t(st.st_size) > limit) {
    error = "file too large (" + std::to_string(st.st_size) + " bytes)";
    ::close(fd);
    return false;
  }
  out.clear();
  out.reserve(size_t(st.st_size));
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buffer, size_t(n));
    if (out.size() > limit) {
      error = "file too large";
      ::close(fd);
      return false;
    }
  }
  ::close(fd);
  return true;
}

std::string write_file_atomically(const std::string& path, const std::string& data, unsigned mode) {
  const std::string folder = parent_of(path);
  const std::string temp = folder + "/." + name_of(path) + ".tmp-" + std::to_string(::getpid()) +
                           "-" + std::to_string(g_temp_counter++);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return system_error("cannot create", temp);
  size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = system_error("cannot write", temp);
      ::close(fd);
      ::unlink(temp.c_str());
      return why;
    }
    written += size_t(n);
  }
  if (::fsync(fd) != 0) {
    const std::string why = system_error("cannot sync", temp);
    ::close(fd);
    ::unlink(temp.c_str());
    return why;
  }
  if (::close(fd) != 0) {
    const std::string why = system_error("cannot close", temp);
    ::unlink(temp.c_str());
    return why;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = system_error("cannot replace", path);
    ::unlink(temp.c_str());
    return why;
  }
  sync_folder(folder);
  return {};
}

std::string default_data_dir() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/portalpress";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/portalpress";
}

FileStorage::FileStorage(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  std::string error;
  make_folders(root_, 0700, error);  // reported by the first operation that needs it
}

bool FileStorage::resolve(const std::string& path, std::string& full, std::string& error) const {
  // Relative paths inside the root only: no "..", no absolute paths, no hidden names.
  if (path.empty() || path.front() == '/' || path.find("..") != std::string::npos ||
      path.find("/.") != std::string::npos || path.front() == '.') {
    error = "invalid storage path: " + path;
    return false;
  }
  full = root_ + "/" + path;
  return true;
}

std::string FileStorage::describe(const std::string& path) const {
  return root_ + "/" + path;
}

void FileStorage::list(const std::string& folder, ListDone done) {
  std::string full, error;
  if (!resolve(folder, full, error)) return done(ui::StorageResult::failure(error), {});
  std::vector<ui::StoredItem> items;
  DIR* dir = ::opendir(full.c_str());
  if (!dir) {
    if (errno == ENOENT) return done(ui::StorageResult{}, {});  // nothing saved yet
    return done(ui::StorageResult::failure(system_error("cannot list", full)), {});
  }
  while (const dirent* e = ::readdir(dir)) {
    if (e->d_name[0] == '.') continue;  // ".", "..", our temporary files
    struct stat st;
    const std::string file = full + "/" + e->d_name;
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    items.push_back({e->d_name, int64_t(st.st_mtime), uint64_t(st.st_size)});
  }
  ::closedir(dir);
  done(ui::StorageResult{}, std::move(items));
}

void FileStorage::read(const std::string& path, ReadDone done) {
  std::string full, error, data;
  if (!resolve(path, full, error)) return done(ui::StorageResult::failure(error), {});
  bool missing = false;
  if (!read_whole_file(full, data, error, &missing))
    return done(missing ? ui::StorageResult::not_found(error) : ui::StorageResult::failure(error),
                {});
  done(ui::StorageResult{}, std::move(data));
}

void FileStorage::write(const std::string& path, std::string data, WriteDone done) {
  std::string full, error;
  if (!resolve(path, full, error)) return done(ui::StorageResult::failure(error));
  if (!make_folders(parent_of(full), 0700, error)) return done(ui::StorageResult::failure(error));
  error = write_file_atomically(full, data, 0600);
  done(error.empty() ? ui::StorageResult{} : ui::StorageResult::failure(error));
}

void FileStorage::remove(const std::string& path, WriteDone done) {
  std::string full, error;
  if (!resolve(path, full, error)) return done(ui::StorageResult::failure(error));
  if (::unlink(full.c_str()) != 0) {
    const bool missing = errno == ENOENT;
    const std::string why = system_error("cannot delete", full);
    return done(missing ? ui::StorageResult::not_found(why) : ui::StorageResult::failure(why));
  }
  sync_folder(parent_of(full));
  done(ui::StorageResult{});
}

void FileStorage::move_aside(const std::string& path, MoveDone done) {
  std::string full, error;
  if (!resolve(path, full, error)) return done(ui::StorageResult::failure(error), {});
  // aside/<folder>/<name>.<time>[-n]: outside every folder the editor lists.
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::tm tm{};
  ::localtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  const std::string relative_folder =
      "aside/" + (path.find('/') == std::string::npos ? std::string() : parent_of(path) + "/");
  if (!make_folders(root_ + "/" + relative_folder.substr(0, relative_folder.size() - 1), 0700,
                    error))
    return done(ui::StorageResult::failure(error), {});
  for (int n = 0; n < 1000; ++n) {
    const std::string target =
        relative_folder + name_of(path) + "." + stamp + (n ? "-" + std::to_string(n) : "");
    const std::string target_full = root_ + "/" + target;
    // link() never replaces an existing file: nothing is ever overwritten.
    if (::link(full.c_str(), target_full.c_str()) == 0) {
      ::unlink(full.c_str());
      sync_folder(parent_of(full));
      sync_folder(parent_of(target_full));
      return done(ui::StorageResult{}, target);
    }
    if (errno != EEXIST)
      return done(ui::StorageResult::failure(system_error("cannot move", full)), {});
  }
  done(ui::StorageResult::failure("cannot find a free name in " + root_ + "/aside"), {});
}

}  // namespace press::native
