#pragma once
// Start-up steps shared by the server and its commands.
#include <memory>
#include <string>

#include "core/site.h"
#include "server/database.h"

namespace press::server {

// Reads and checks the site profile; prints located errors to stderr on failure.
bool load_site_profile(const std::string& file, core::SiteProfile& out);

// Creates the data folder if needed, opens press.db and brings its schema up to date.
std::unique_ptr<Database> open_data_database(const std::string& data_dir);

}  // namespace press::server
