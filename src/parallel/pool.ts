import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import type { Reply, Request, WorkerSetup } from './protocol.js';

/**
 * Young generation of each worker thread (MB). A worker's rows die young, so
 * 8 MB cost no measurable time at 1M rows and saved about 20 MB against 16;
 * at 4 MB rows started to outlive it and the old generation grew instead.
 */
const WORKER_YOUNG_MB = 8;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Body = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/** One worker thread, spoken to in requests that each get one reply. */
export class WorkerLink {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(setup: WorkerSetup) {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: setup,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      stdout: false,
      stderr: false,
    });
    this.worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else {
        const e = new InternalError(`a worker thread failed: ${reply.error.message}`);
        if (reply.error.stack) e.stack = reply.error.stack;
        p.reject(e);
      }
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', (e) => fail(new InternalError(`a worker thread failed: ${e.message}`)));
    this.worker.on('exit', (code) => fail(new InternalError(`a worker thread stopped (exit code ${code})`)));
  }

  request<T>(body: Body, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
    // Replies read ahead may never be awaited once the audit stops early: their failure is not news.
    reply.catch(() => {});
    return reply;
  }

  async close(): Promise<void> {
    this.failure ??= new InternalError('the worker threads were stopped');
    await this.worker.terminate();
  }
}

/** The worker threads of one audit, started on first use and stopped at the end. */
export class WorkerPool {
  private links: WorkerLink[] | undefined;
  constructor(
    private readonly size: number,
    private readonly setup: WorkerSetup,
  ) {}

  get workers(): WorkerLink[] {
    this.links ??= Array.from({ length: this.size }, () => new WorkerLink(this.setup));
    return this.links;
  }

  async close(): Promise<void> {
    const links = this.links ?? [];
    this.links = undefined;
    await Promise.all(links.map((l) => l.close()));
  }
}
