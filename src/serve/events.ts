// Live updates: a small publish/subscribe hub for server-sent events. It also notices changes
// made by other processes (a `storyline ingest` into the same database) by polling a cheap
// fingerprint of the database while anyone is listening.
export interface LiveEvent {
  type: 'ingest-started' | 'ingest-progress' | 'ingest-finished' | 'changed';
  data: Record<string, unknown>;
}

type Listener = (event: LiveEvent) => void;

export class EventHub {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | null = null;
  private lastMark: string | null = null;
  private closed = false;

  constructor(
    private readonly changeMark: () => string,
    /** Called when a change is noticed, before listeners hear of it (to drop caches). */
    private readonly onChange: () => void = () => undefined,
    private readonly pollMs = 1500,
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer && !this.closed) {
      this.lastMark = this.safeMark();
      this.timer = setInterval(() => this.poll(), this.pollMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  publish(event: LiveEvent): void {
    if (event.type === 'changed' || event.type === 'ingest-finished') {
      this.onChange();
      this.lastMark = this.safeMark();
    }
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        this.listeners.delete(l);
      }
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private safeMark(): string | null {
    try {
      return this.changeMark();
    } catch {
      return null;
    }
  }

  private poll(): void {
    const mark = this.safeMark();
    if (mark !== null && mark !== this.lastMark) {
      const [lastArticle] = mark.split(':');
      this.lastMark = mark;
      this.publish({ type: 'changed', data: { lastArticle: Number(lastArticle) } });
    }
  }
}
