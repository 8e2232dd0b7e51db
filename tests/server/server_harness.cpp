#include "server_harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace press_test {

namespace fs = std::filesystem;

namespace {

// fork + exec with stdout on a pipe; environment additions applied in the child.
pid_t spawn(const std::string& binary, const std::vector<std::string>& args,
            const std::map<std::string, std::string>& env, int& out_fd) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // If the test run itself dies (a timeout, a crash), its servers go with it.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(pipe_fds[1], 1);
    if (!std::getenv("PRESS_TEST_VERBOSE")) {  // the server's log lines would clutter test output
      const int null_fd = open("/dev/null", O_WRONLY);
      dup2(null_fd, 2);
      close(null_fd);
    }
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    unsetenv("PRESS_ADMIN_TOKEN");
    unsetenv("PRESS_PORT");
    unsetenv("PRESS_DATA");
    for (const auto& [k, v] : env) {
      if (v.empty()) {
        unsetenv(k.c_str());
      } else {
        setenv(k.c_str(), v.c_str(), 1);
      }
    }
    std::vector<char*> argv;
    std::string bin = binary;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  out_fd = pipe_fds[0];
  return pid;
}

}  // namespace

ServerProcess::ServerProcess(const std::string& data_dir, std::vector<std::string> args,
                             std::map<std::string, std::string> env) {
  std::vector<std::string> all = {"--port", "0", "--data", data_dir, "--flush-seconds", "1"};
  all.insert(all.end(), args.begin(), args.end());
  int fd = -1;
  pid_ = spawn(PRESS_SERVER_BIN, all, env, fd);
  // Read stdout until the listening line (or give up after 10 s).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const std::string marker = "listening on http://127.0.0.1:";
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    output_.append(buf, size_t(n));
    const size_t at = output_.find(marker);
    if (at != std::string::npos && output_.find('/', at + marker.size()) != std::string::npos) {
      port_ = std::atoi(output_.c_str() + at + marker.size());
      break;
    }
  }
  close(fd);  // the server ignores SIGPIPE; later output is not needed
  if (port_ == 0) {
    stop(9);
    throw std::runtime_error("press-server did not start: " + output_);
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_read_timeout(10, 0);
  c->set_decompress(false);
  return c;
}

int ServerProcess::stop(int signal_number) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal_number);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int run_command(const std::vector<std::string>& args, std::string& out,
                const std::map<std::string, std::string>& env) {
  return run_program(PRESS_SERVER_BIN, args, out, env);
}

int run_program(const std::string& binary, const std::vector<std::string>& args, std::string& out,
                const std::map<std::string, std::string>& env) {
  int fd = -1;
  const pid_t pid = spawn(binary, args, env, fd);
  out.clear();
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, size_t(n));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

httplib::Headers auth(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string sample_article() {
  return read_file(std::string(PRESS_SOURCE_DIR) + "/assets/samples/sample-article.json");
}

nlohmann::json parse_json(const std::string& text) {
  return nlohmann::json::parse(text, nullptr, false);
}

std::string raw_request(int port, const std::string& bytes, bool half_close, int timeout_ms) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return {};
  }
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += size_t(n);
  }
  if (half_close) shutdown(fd, SHUT_WR);
  std::string reply;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    char buf[8192];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, size_t(n));
    // Stop at the end of one complete response (the server may keep the connection open).
    const size_t header_end = reply.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      const size_t length_at = reply.find("Content-Length: ");
      const size_t length =
          length_at < header_end ? size_t(std::atol(reply.c_str() + length_at + 16)) : 0;
      if (reply.size() >= header_end + 4 + length) break;
    }
  }
  close(fd);
  return reply;
}

int status_of(const std::string& raw) {
  if (raw.compare(0, 9, "HTTP/1.1 ") != 0) return 0;
  return std::atoi(raw.c_str() + 9);
}

}  // namespace press_test
