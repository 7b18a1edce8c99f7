// Preloaded into each benchmarked process (`node --require`): writes the
// process's peak resident set size (all threads) to $KINDRED_BENCH_RSS on exit.
const out = process.env.KINDRED_BENCH_RSS;
if (out) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(out, String(process.resourceUsage().maxRSS * 1024));
  });
}
