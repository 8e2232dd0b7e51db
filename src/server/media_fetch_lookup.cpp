// The fetcher's name lookups (media_fetch.h): getaddrinfo on a thread of its own, so the
// whole fetch's deadline also bounds a resolver that does not answer.
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "server/fetch_text.h"
#include "server/media_fetch.h"

namespace press::server {

using namespace fetch_text;

// --- Name lookups -------------------------------------------------------------------------

namespace {

std::atomic<int> g_pending_lookups{0};

struct LookupJob {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  Lookup result;
};

Lookup run_getaddrinfo(const std::string& host) {
  Lookup l;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (rc != 0) {
    l.error = rc == EAI_SYSTEM ? std::strerror(errno) : ::gai_strerror(rc);
    return l;
  }
  for (const addrinfo* a = found; a; a = a->ai_next) {
    const std::optional<IpAddress> ip = from_sockaddr(a->ai_addr);
    if (ip && std::find(l.addresses.begin(), l.addresses.end(), *ip) == l.addresses.end())
      l.addresses.push_back(*ip);
  }
  ::freeaddrinfo(found);
  if (l.addresses.empty()) l.error = "no IPv4 or IPv6 address";
  return l;
}

}  // namespace

Lookup system_lookup(const std::string& host, Clock::time_point deadline) {
  if (g_pending_lookups.fetch_add(1) >= kMaxPendingLookups) {
    g_pending_lookups.fetch_sub(1);
    Lookup busy;
    busy.busy = true;
    busy.error = "too many name lookups are pending";
    return busy;
  }
  std::shared_ptr<LookupJob> job;
  try {
    job = std::make_shared<LookupJob>();
    std::thread([job, host] {
      Lookup result = run_getaddrinfo(host);
      {
        std::lock_guard<std::mutex> lock(job->mutex);
        job->result = std::move(result);
        job->done = true;
      }
      job->finished.notify_all();
      g_pending_lookups.fetch_sub(1);
    }).detach();
  } catch (...) {  // no thread (resources exhausted): the lookup did not start
    g_pending_lookups.fetch_sub(1);
    Lookup failed;
    failed.error = "cannot start a name lookup";
    return failed;
  }
  std::unique_lock<std::mutex> lock(job->mutex);
  if (!job->finished.wait_until(lock, deadline, [&] { return job->done; })) {
    Lookup late;
    late.timed_out = true;
    return late;
  }
  return std::move(job->result);
}

}  // namespace press::server
