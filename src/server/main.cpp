// press-server: the publishing server. Everything but this entry lives in press_server_lib.
#include <string>
#include <vector>

#include "server/server.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return press::server::main_entry(args);
}
