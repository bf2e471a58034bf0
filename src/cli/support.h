// Helpers shared by the sub-commands.
#pragma once

#include "app/cases/deadline_sweep.h"
#include "core/common/result.h"
#include "core/common/time.h"
#include "store/store.h"

namespace jembatan::cli {

Timestamp SystemNow();
int Fail(const Error& e);
// Runs the deadline sweep over every case, in chunks of one transaction each.
Result<app::SweepResult> SweepAll(store::Store& store, Timestamp now);

}  // namespace jembatan::cli
