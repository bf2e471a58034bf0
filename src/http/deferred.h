// How a handler hands a write to the writer: the use case runs in the transaction, the reply is
// rendered from its result after the commit.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include "http/message.h"
#include "http/problem.h"

namespace jembatan::http {

// `work(tx, now)` returns Result<T>: an error rolls its changes back and is answered as a
// problem; a value is kept and `render(T&)` turns it into the response after the commit. The
// writer may run `work` twice (app/common/writer.h): the second result replaces the first.
template <typename T, typename Work, typename Render, typename RenderError>
DeferredWrite WriteThen(Work work, Render render, RenderError render_error) {
  auto slot = std::make_shared<std::optional<Result<T>>>();
  return DeferredWrite{
      [slot, work = std::move(work)](app::WriteTx& tx, Timestamp now) {
        slot->emplace(work(tx, now));
        return (*slot)->ok();
      },
      [slot, render = std::move(render), render_error = std::move(render_error)]() -> Response {
        if (!slot->has_value()) return ProblemFor(Error::Internal("the write did not run"));
        Result<T>& r = **slot;
        if (!r) return render_error(r.error());
        return render(r.value());
      }};
}

template <typename T, typename Work, typename Render>
DeferredWrite WriteThen(Work work, Render render) {
  return WriteThen<T>(std::move(work), std::move(render),
                      [](const Error& e) { return ProblemFor(e); });
}

// For use cases that return a Status: `render()` makes the reply of a kept write.
template <typename Work, typename Render>
DeferredWrite WriteStatusThen(Work work, Render render) {
  return WriteThen<bool>(
      [work = std::move(work)](app::WriteTx& tx, Timestamp now) -> Result<bool> {
        if (Status s = work(tx, now); !s) return s.error();
        return true;
      },
      [render = std::move(render)](bool) { return render(); });
}

}  // namespace jembatan::http
