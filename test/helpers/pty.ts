import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { BIN, ROOT } from './run-cli.js';

/**
 * The built kindred under a real pseudo-terminal, as a person meets it:
 * stdin, stdout and stderr are a terminal, keys arrive one by one, and what is
 * read back is the screen as the terminal draws it (colours and cursor moves
 * applied). tmux provides the terminal; each terminal gets its own tmux server
 * (a private socket in a temp folder), so tests in parallel cannot see each
 * other, and the pane stays after kindred exits so its last screen and exit
 * status can still be read.
 *
 * Nothing here sleeps as an assertion: `waitFor` polls the screen until a
 * state appears, with a generous timeout, and fails showing the screen.
 */
export interface Terminal {
  /** The whole screen and its scrollback, wrapped lines joined, trailing blanks dropped. */
  screen(): string;
  /** Types text literally. */
  type(text: string): void;
  /** Presses keys by tmux name: Enter, Space, Down, C-c, C-d. */
  press(...keys: string[]): void;
  /** Types the text, then Enter. */
  answer(text: string): void;
  /** Waits until the screen matches; returns the screen. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * Waits for the question being asked (inquirer's `?` line; answered ones
   * turn into `✔`) to match; returns that line.
   */
  question(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Waits for kindred to end; its exit status. */
  exited(timeoutMs?: number): Promise<number>;
}

export interface TerminalOptions {
  cwd?: string;
  env?: Record<string, string>;
  columns?: number;
  rows?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts `kindred ARGS` in a fresh terminal; the terminal is torn down when the test finishes. */
export function startInTerminal(args: string[], options: TerminalOptions = {}): Terminal {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('run `npm run build` before the terminal tests');
  const home = mkdtempSync(join(tmpdir(), 'kindred-pty-'));
  const socket = join(home, 'tmux.sock');
  const config = join(home, 'tmux.conf');
  // remain-on-exit keeps the pane (screen and exit status) once kindred ends.
  writeFileSync(config, 'set -g remain-on-exit on\nset -g history-limit 50000\nset -g status off\n');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TERM: 'xterm-256color', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const tmux = (...a: string[]) => execFileSync('tmux', ['-S', socket, ...a], { encoding: 'utf8', env });
  // The pane gets the server's environment; -e passes ours explicitly for the variables that matter.
  const passed = ['NO_COLOR', 'FORCE_COLOR', 'KINDRED_SALT', 'CI'].flatMap((k) => (env[k] !== undefined ? ['-e', `${k}=${env[k]}`] : []));
  execFileSync(
    'tmux',
    ['-S', socket, '-f', config, 'new-session', '-d', '-x', String(options.columns ?? 100), '-y', String(options.rows ?? 40), '-c', options.cwd ?? ROOT, ...passed, process.execPath, BIN, ...args],
    { env },
  );
  onTestFinished(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(home, { recursive: true, force: true });
  });

  const screen = () =>
    tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  const poll = async <T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /**
   * Under load the tmux server sometimes misses the SIGCHLD of kindred's exit
   * and leaves it a zombie with the pane still "alive". A zombie has exited:
   * its status is read from /proc (field 52, exit_code, as waitpid reports
   * it). Linux only; elsewhere tmux is left to notice by itself.
   */
  const zombieStatus = (): number | undefined => {
    try {
      const pid = tmux('display-message', '-p', '-t', '0', '#{pane_pid}').trim();
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').trim().split(' ');
      if (fields[0] !== 'Z' || fields[49] === undefined) return undefined;
      const raw = Number(fields[49]);
      return raw & 0x7f ? 128 + (raw & 0x7f) : (raw >> 8) & 0xff;
    } catch {
      return undefined;
    }
  };
  const status = (): number | undefined => {
    // The status is filled in a moment after the pane is marked dead: wait for it.
    const [dead, code, signal] = tmux('display-message', '-p', '-t', '0', '#{pane_dead},#{pane_dead_status},#{pane_dead_signal}').trim().split(',');
    if (dead !== '1') return zombieStatus();
    if (signal && /^\d+$/.test(signal)) return 128 + Number(signal);
    // Some tmux builds mark the pane dead before (or without ever) filling in the status: ask /proc then.
    return code && /^\d+$/.test(code) ? Number(code) : zombieStatus();
  };
  const terminal: Terminal = {
    screen,
    type: (text) => {
      tmux('send-keys', '-t', '0', '-l', text);
    },
    press: (...keys) => {
      tmux('send-keys', '-t', '0', ...keys);
    },
    answer(text) {
      if (text) terminal.type(text);
      terminal.press('Enter');
    },
    waitFor: (pattern, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      poll(String(pattern), () => {
        const s = screen();
        return pattern.test(s) ? s : undefined;
      }, timeoutMs),
    question: (pattern, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      poll(`a question matching ${pattern}`, () => {
        const asked = screen()
          .split('\n')
          .filter((l) => l.startsWith('? '))
          .at(-1);
        return asked !== undefined && pattern.test(asked) ? asked : undefined;
      }, timeoutMs),
    exited: (timeoutMs = DEFAULT_TIMEOUT_MS) => poll('kindred to exit', status, timeoutMs),
  };
  return terminal;
}
