/**
 * A push-driven async iterator: producers `push`, the consumer iterates. Unlike an async generator,
 * `return()` ends it at once even while nothing is flowing, so a client's `complete` or a closing
 * socket never waits for the next event.
 */
export interface Stream<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  /**
   * Instead of `next()`: every value goes to `onValue` the moment it is pushed (what is buffered
   * now, at once), and `onEnd` hears the end (with its error, if any). For a consumer that takes
   * values as they come, without a promise per value.
   */
  consume(onValue: (value: T) => void, onEnd: (error?: unknown) => void): void;
  /** Ends the stream after what is buffered; with an error, the consumer's next read throws it. */
  end(error?: unknown): void;
  readonly ended: boolean;
}

export function stream<T>(onStop: () => void): Stream<T> {
  return new PushStream<T>(onStop);
}

interface Reader<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

/**
 * A class, not an object literal: a literal's `ended` getter is a new closure per stream, which puts
 * each stream in dictionary mode (every access a hash lookup, on the delivery path too), and V8
 * allocates the getter's accessor pair in old space, where it keeps the stream's state alive until a
 * full collection.
 */
class PushStream<T> implements Stream<T> {
  #ended = false;
  #stopped = false;
  #failure: { error: unknown } | null = null;
  #consumer: { onValue: (value: T) => void; onEnd: (error?: unknown) => void } | null = null;
  readonly #buffer: T[] = [];
  readonly #readers: Reader<T>[] = [];
  readonly #onStop: () => void;

  constructor(onStop: () => void) {
    this.#onStop = onStop;
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(value: T): void {
    if (this.#ended) return;
    if (this.#consumer) this.#consumer.onValue(value);
    else {
      this.#buffer.push(value);
      this.#drain();
    }
  }

  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error !== undefined) this.#failure = { error };
    this.#stop();
    if (this.#consumer) this.#consumer.onEnd(error);
    else this.#drain();
  }

  consume(onValue: (value: T) => void, onEnd: (error?: unknown) => void): void {
    this.#consumer = { onValue, onEnd };
    for (const value of this.#buffer.splice(0)) onValue(value);
    if (this.#ended) {
      const error = this.#failure?.error;
      this.#failure = null;
      onEnd(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    return new Promise((resolve, reject) => {
      this.#readers.push({ resolve, reject });
      this.#drain();
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.#ended = true;
    this.#failure = null;
    this.#buffer.length = 0;
    this.#stop();
    this.#drain();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#onStop();
  }

  #drain(): void {
    const buffer = this.#buffer;
    const readers = this.#readers;
    while (readers.length > 0 && (buffer.length > 0 || this.#ended)) {
      const reader = readers.shift()!;
      if (buffer.length > 0) reader.resolve({ value: buffer.shift()!, done: false });
      else if (this.#failure) {
        const { error } = this.#failure;
        this.#failure = null;
        reader.reject(error);
      } else reader.resolve({ value: undefined, done: true });
    }
  }
}
