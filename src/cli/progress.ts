import { basename } from 'node:path';
import type { Progress } from '../pipeline.js';
import { clip } from '../safe-text.js';
import type { CliIo } from './io.js';

export interface ProgressOptions {
  /** Show nothing before this (short reads need no progress). */
  delayMs?: number;
  /** At most one redraw per interval. */
  intervalMs?: number;
  now?: () => number;
}

export interface ProgressLine {
  update(p: Progress): void;
  /** Clears the line (call at the end, and on errors). */
  done(): void;
}

/**
 * One line on standard error while a big export is read: rows, MB, rate and,
 * when the size is known, percent and time left. Only in a terminal and not
 * with --quiet (the caller decides); throttled; cleared at the end so the
 * report starts on a clean screen.
 */
export function createProgress(io: Pick<CliIo, 'stderr' | 'columns'>, options: ProgressOptions = {}): ProgressLine {
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1500;
  const interval = options.intervalMs ?? 200;
  const start = now();
  let lastDraw = 0;
  let shown = false;
  return {
    update(p) {
      const t = now();
      if (t - start < delay || t - lastDraw < interval) return;
      lastDraw = t;
      shown = true;
      const width = Math.max(20, (io.columns ?? 80) - 1);
      io.stderr.write(`\r\x1b[2K${clip(progressText(p, (t - start) / 1000), width)}`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** "followers.csv  1,234,567 rows  123.4/151.0 MB  82%  45,210 rows/s  0:12 left" */
export function progressText(p: Progress, seconds: number): string {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const rate = seconds > 0 ? p.rows / seconds : 0;
  const parts = [basename(p.file), `${p.rows.toLocaleString('en-US')} rows`];
  if (p.size && p.size > 0) {
    const share = Math.min(1, p.bytes / p.size);
    parts.push(`${mb(p.bytes)}/${mb(p.size)} MB`, `${Math.floor(share * 100)}%`);
    parts.push(`${Math.round(rate).toLocaleString('en-US')} rows/s`);
    if (share > 0.01 && seconds > 0) parts.push(`${clock((seconds / share) * (1 - share))} left`);
  } else {
    parts.push(`${mb(p.bytes)} MB`, `${Math.round(rate).toLocaleString('en-US')} rows/s`);
  }
  return `kindred: ${parts.join('  ')}`;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
