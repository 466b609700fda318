/**
 * The same question asked by many subscribers (say, "may this class of viewer still read room R,
 * and what is its newest seq?") answered once for all who ask within `ttlMs`: with ten thousand
 * subscribers each re-checking on a timer, the database sees one query per distinct question per
 * `ttlMs`, not one per subscriber. A failed answer is not kept.
 */
export class RecentAnswers<T> {
  private readonly answers = new Map<string, { readonly at: number; readonly answer: Promise<T> }>();

  constructor(private readonly ttlMs: number) {}

  ask(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const known = this.answers.get(key);
    if (known && now - known.at < this.ttlMs) return known.answer;
    if (this.answers.size > 10_000) this.prune(now);
    const answer = load();
    this.answers.set(key, { at: now, answer });
    answer.catch(() => {
      if (this.answers.get(key)?.answer === answer) this.answers.delete(key);
    });
    return answer;
  }

  private prune(now: number): void {
    for (const [key, { at }] of this.answers) if (now - at >= this.ttlMs) this.answers.delete(key);
  }
}
