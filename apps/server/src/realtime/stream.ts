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
  const buffer: T[] = [];
  const readers: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  let consumer: { onValue: (value: T) => void; onEnd: (error?: unknown) => void } | null = null;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    onStop();
  };
  const drain = () => {
    while (readers.length > 0 && (buffer.length > 0 || ended)) {
      const reader = readers.shift()!;
      if (buffer.length > 0) reader.resolve({ value: buffer.shift()!, done: false });
      else if (failure) {
        const { error } = failure;
        failure = null;
        reader.reject(error);
      } else reader.resolve({ value: undefined, done: true });
    }
  };
  const it: Stream<T> = {
    get ended() {
      return ended;
    },
    push(value) {
      if (ended) return;
      if (consumer) consumer.onValue(value);
      else {
        buffer.push(value);
        drain();
      }
    },
    end(error) {
      if (ended) return;
      ended = true;
      if (error !== undefined) failure = { error };
      stop();
      if (consumer) consumer.onEnd(error);
      else drain();
    },
    consume(onValue, onEnd) {
      consumer = { onValue, onEnd };
      for (const value of buffer.splice(0)) onValue(value);
      if (ended) {
        const error = failure?.error;
        failure = null;
        onEnd(error);
      }
    },
    next() {
      return new Promise((resolve, reject) => {
        readers.push({ resolve, reject });
        drain();
      });
    },
    async return() {
      ended = true;
      failure = null;
      buffer.length = 0;
      stop();
      drain();
      return { value: undefined, done: true };
    },
    async throw(error) {
      await it.return!();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
