// The cost of counting a view (issue 18: counting adds no measurable cost
// to a cached page). A cached article page is served in tens of
// microseconds; Count() must stay far below that, with two I/O threads.
#include <benchmark/benchmark.h>

#include "interact/visit_counter.h"

namespace {

procura::interact::VisitCounter counter(480, "a visitor secret");

void BM_CountView(benchmark::State& state) {
  std::int64_t i = state.thread_index() * 1000000;
  const std::string ua = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile";
  for (auto _ : state) {
    // A new visitor every 16 views (a realistic mix of pages per visit).
    const std::string client = "203.0." + std::to_string((i / 16) % 256) + "." + std::to_string(i / 4096 % 256);
    counter.Count("article", 38, client, ua, 1790000000);
    ++i;
  }
}
BENCHMARK(BM_CountView)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
