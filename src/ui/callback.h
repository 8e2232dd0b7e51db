#pragma once
// A move-only function object: what the platform calls back when storage, a request or a
// file dialog is done, and what the editor hands on.
//
// std::function must be copyable, so every lambda stored in one also gets code that copies
// its captures (strings, whole articles) although no completion is ever copied: with some
// seventy callbacks that was several KB of the web widget's payload. A Callback only moves.
#include <cstddef>
#include <type_traits>
#include <utility>

namespace press::ui {

template <typename Signature>
class Callback;

template <typename R, typename... Args>
class Callback<R(Args...)> {
 public:
  Callback() = default;
  Callback(std::nullptr_t) {}
  template <typename F,
            typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback> &&
                                        std::is_invocable_r_v<R, std::decay_t<F>&, Args...>>>
  Callback(F&& f)
      : target_(new std::decay_t<F>(std::forward<F>(f))),
        call_(&call<std::decay_t<F>>),
        destroy_(&destroy<std::decay_t<F>>) {}

  Callback(Callback&& other) noexcept { take(other); }
  Callback& operator=(Callback&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  Callback(const Callback&) = delete;
  Callback& operator=(const Callback&) = delete;
  ~Callback() { reset(); }

  explicit operator bool() const { return call_ != nullptr; }
  R operator()(Args... args) const { return call_(target_, std::forward<Args>(args)...); }

 private:
  template <typename F>
  static R call(void* f, Args&&... args) {
    return (*static_cast<F*>(f))(std::forward<Args>(args)...);
  }
  template <typename F>
  static void destroy(void* f) {
    delete static_cast<F*>(f);
  }
  void take(Callback& other) {
    target_ = std::exchange(other.target_, nullptr);
    call_ = std::exchange(other.call_, nullptr);
    destroy_ = std::exchange(other.destroy_, nullptr);
  }
  void reset() {
    if (destroy_) destroy_(target_);
    target_ = nullptr;
    call_ = nullptr;
    destroy_ = nullptr;
  }

  void* target_ = nullptr;
  R (*call_)(void*, Args&&...) = nullptr;
  void (*destroy_)(void*) = nullptr;
};

}  // namespace press::ui
