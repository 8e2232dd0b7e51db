#include "server/media_archive.h"

#include <zip.h>

#include <string>

namespace press::server {

namespace {

core::Error over_limit(const std::string& message) {
  return core::Error::from(core::ErrorCode::too_large, {{"file", message, 0, 0, "too_large"}});
}

core::Error damaged(const std::string& why) {
  return core::Error::from(core::ErrorCode::invalid,
                           {{"file", "the archive is damaged: " + why, 0, 0, "bad_value"}});
}

core::Status within_limits(uint64_t entries, uint64_t unpacked, const ArchiveLimits& limits) {
  if (entries > limits.max_entries)
    return over_limit("the archive holds " + std::to_string(entries) + " files; at most " +
                      std::to_string(limits.max_entries) + " are accepted");
  if (unpacked > limits.max_unpacked_bytes)
    return over_limit("the archive would unpack to " + std::to_string(unpacked) +
                      " bytes, more than the " + std::to_string(limits.max_unpacked_bytes) +
                      " accepted: refused as a possible zip bomb");
  return core::ok_status();
}

}  // namespace

core::Status check_archive(std::string_view bytes, const core::ZipDirectory& directory,
                           const ArchiveLimits& limits) {
  if (core::Status s = within_limits(directory.entries, directory.unpacked_bytes, limits); !s)
    return s;

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return core::Error::of(core::ErrorCode::internal, "libzip: " + why);
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) {
    zip_source_free(source);  // not taken over when the open fails
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return damaged(why);
  }
  zip_error_fini(&error);
  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  uint64_t unpacked = 0;
  bool readable = entries >= 0;
  for (zip_int64_t i = 0; readable && i < entries; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    readable = zip_stat_index(archive, zip_uint64_t(i), 0, &stat) == 0;
    if (readable && (stat.valid & ZIP_STAT_SIZE)) {
      unpacked += stat.size;
      if (unpacked > limits.max_unpacked_bytes) break;  // and no overflow
    }
  }
  zip_discard(archive);  // read-only: frees the source too
  if (!readable) return damaged("an entry cannot be read");
  return within_limits(uint64_t(entries), unpacked, limits);
}

}  // namespace press::server
