/**
 * The same question asked by many subscribers (say, "may this class of viewer still read room R,
 * and what is its newest seq?") answered once for all who ask within `ttlMs`: with ten thousand
 * subscribers each re-checking on a timer, the database sees one query per distinct question per
 * `ttlMs`, not one per subscriber. A failed answer is not kept.
 */
export class RecentAnswers<T> {
  private readonly answers = new Map<string, { readonly at: number; readonly answer: Promise<T> }>();
  private prunedAt = 0;

  constructor(private readonly ttlMs: number) {}

  /** Questions whose answers are kept now (each is dropped within two `ttlMs` of being answered). */
  get size(): number {
    return this.answers.size;
  }

  ask(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const known = this.answers.get(key);
    if (known && now - known.at < this.ttlMs) return known.answer;
    // Answers past their time go once per `ttlMs`, not on every question: with one question per
    // subscriber (a permission class per person), a scan per question grew with the subscribers.
    if (now - this.prunedAt >= this.ttlMs) this.prune(now);
    const answer = load();
    this.answers.set(key, { at: now, answer });
    answer.catch(() => {
      if (this.answers.get(key)?.answer === answer) this.answers.delete(key);
    });
    return answer;
  }

  private prune(now: number): void {
    this.prunedAt = now;
    for (const [key, { at }] of this.answers) if (now - at >= this.ttlMs) this.answers.delete(key);
  }
}
