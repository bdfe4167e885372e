#include "safety/matcher.h"

#include <deque>

namespace procura::safety {

Matcher::Matcher(const std::vector<std::u32string>& patterns) {
  children_.emplace_back();
  outputs_.emplace_back();
  lengths_.reserve(patterns.size());
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    lengths_.push_back(patterns[p].size());
    if (patterns[p].empty()) continue;
    int state = 0;
    for (char32_t c : patterns[p]) {
      int next = Next(state, c);
      if (next < 0) {
        next = static_cast<int>(children_.size());
        children_.emplace_back();
        outputs_.emplace_back();
        edges_.emplace(Key(state, c), next);
        children_[state].emplace_back(c, next);
      }
      state = next;
    }
    outputs_[state].push_back(p);
  }
  Link();
}

int Matcher::Next(int state, char32_t c) const {
  const auto it = edges_.find(Key(state, c));
  return it == edges_.end() ? -1 : it->second;
}

void Matcher::Link() {
  fail_.assign(children_.size(), 0);
  output_link_.assign(children_.size(), -1);
  std::deque<int> queue;
  for (const auto& [c, child] : children_[0]) queue.push_back(child);
  while (!queue.empty()) {
    const int state = queue.front();
    queue.pop_front();
    for (const auto& [c, child] : children_[state]) {
      int f = fail_[state];
      int to = Next(f, c);
      while (to < 0 && f != 0) {
        f = fail_[f];
        to = Next(f, c);
      }
      fail_[child] = (to >= 0 && to != child) ? to : 0;
      const int fc = fail_[child];
      output_link_[child] = outputs_[fc].empty() ? output_link_[fc] : fc;
      queue.push_back(child);
    }
  }
}

std::vector<Matcher::Hit> Matcher::Scan(std::u32string_view text) const {
  std::vector<Hit> hits;
  int state = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int to = Next(state, text[i]);
    while (to < 0 && state != 0) {
      state = fail_[state];
      to = Next(state, text[i]);
    }
    state = to < 0 ? 0 : to;
    for (int s = outputs_[state].empty() ? output_link_[state] : state; s > 0;
         s = output_link_[s]) {
      for (std::size_t p : outputs_[s]) hits.push_back({p, i + 1 - lengths_[p], i + 1});
    }
  }
  return hits;
}

}  // namespace procura::safety
