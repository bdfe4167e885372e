-- wrk script: cycles through the search benchmark's query mix (the same
-- queries as bench/search_bench.cc), pages 1-3.
local queries = {
  "training", "litigation", "government", "branch%20secretary", "public%20interest",
  "case%20quality", "%22case%20quality%20review%22", "%22party%20building%22",
  "%E5%9F%B9%E8%AE%AD",                                           -- 培训
  "%E6%94%AF%E9%83%A8%E4%B9%A6%E8%AE%B0",                         -- 支部书记
  "%E5%85%AC%E7%9B%8A%E8%AF%89%E8%AE%BC",                         -- 公益诉讼
  "%E6%9C%AA%E6%88%90%E5%B9%B4%E4%BA%BA%E4%BF%9D%E6%8A%A4",       -- 未成年人保护
  "%E7%BB%8F%E6%B5%8E%E5%8F%91%E5%B1%95",                         -- 经济发展
  "%E6%A3%80%E5%AF%9F%20evidence",                                -- 检察 evidence
}
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local page = math.floor(n / #queries) % 3 + 1
  return wrk.format("GET", "/search?q=" .. q .. "&page=" .. page)
end
