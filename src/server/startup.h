#pragma once
// Start-up steps shared by the server and its commands.
#include <memory>
#include <optional>
#include <string>

#include "core/site.h"
#include "server/database.h"
#include "server/media_image.h"

namespace press::server {

// Reads and checks the site profile; prints located errors to stderr on failure.
bool load_site_profile(const std::string& file, core::SiteProfile& out);

// The profile's watermark made ready (libvips started): its logo read relative to the
// profile's folder. Errors (an unreadable or undecodable logo) go to stderr, located like the
// profile's own, and return false; a text without fonts is a warning. `out` stays empty
// when the profile has no watermark or nothing of it can be drawn.
bool load_watermark(const std::string& site_file, const core::SiteProfile& site,
                    std::optional<Watermark>& out);

// Creates the data folder if needed, opens press.db and brings its schema up to date.
std::unique_ptr<Database> open_data_database(const std::string& data_dir);

}  // namespace press::server
