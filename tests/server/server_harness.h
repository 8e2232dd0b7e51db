#pragma once
// Starts the real press-server binary (PRESS_SERVER_BIN) on 127.0.0.1 with a free port
// (--port 0: the server prints the one it got) and a temporary data folder.
#include <httplib.h>
#include <sys/types.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../common/temp_dir.h"

namespace press_test {

using press_tests::TempDir;

constexpr const char* kAdminToken = "test-admin-token-0123456789";

class ServerProcess {
 public:
  // Starts press-server with --data data_dir --port 0 and the given extra arguments and
  // environment (PRESS_ADMIN_TOKEN defaults to kAdminToken; pass "" to leave it unset).
  ServerProcess(const std::string& data_dir, std::vector<std::string> args = {},
                std::map<std::string, std::string> env = {{"PRESS_ADMIN_TOKEN", kAdminToken}});
  ~ServerProcess();  // SIGTERM and wait, if still running

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& startup_output() const { return output_; }  // stdout up to the listening line

  std::unique_ptr<httplib::Client> client() const;

  int stop(int signal_number = 15);  // returns the exit status (or 128 + signal)

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string output_;
};

// Runs press-server with arguments (not a server); returns the exit code and stdout.
int run_command(const std::vector<std::string>& args, std::string& out,
                const std::map<std::string, std::string>& env = {});

int run_program(const std::string& binary, const std::vector<std::string>& args, std::string& out,
                const std::map<std::string, std::string>& env = {});

httplib::Headers auth(const std::string& token = kAdminToken);
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);
std::string sample_article();  // assets/samples/sample-article.json
nlohmann::json parse_json(const std::string& text);

// A raw HTTP exchange on a fresh connection: exactly these bytes go out, the whole
// reply (until the server closes or the timeout) comes back.
std::string raw_request(int port, const std::string& bytes, bool half_close = true,
                        int timeout_ms = 3000);
int status_of(const std::string& raw_response);

}  // namespace press_test
