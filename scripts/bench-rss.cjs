// Preloaded into each benchmarked process (`node --require`): on exit, writes
// the process's peak resident set size (all threads, bytes) and CPU time
// (user + system, ms) as JSON to $KINDRED_BENCH_RSS.
const out = process.env.KINDRED_BENCH_RSS;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    require('node:fs').writeFileSync(out, JSON.stringify({ rss: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
