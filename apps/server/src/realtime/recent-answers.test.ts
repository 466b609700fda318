import { afterEach, describe, expect, it, vi } from "vitest";
import { RecentAnswers } from "./recent-answers.js";

describe("RecentAnswers", () => {
  afterEach(() => vi.useRealTimers());

  it("answers a question once for everyone who asks within the time to live, then asks again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const answers = new RecentAnswers<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([answers.ask("a", load), answers.ask("a", load), answers.ask("a", load)])).toEqual([1, 1, 1]);
    expect(await answers.ask("b", load)).toBe(2);
    vi.setSystemTime(Date.now() + 999);
    expect(await answers.ask("a", load)).toBe(1);
    vi.setSystemTime(Date.now() + 2);
    expect(await answers.ask("a", load)).toBe(3);
  });

  it("does not keep a failure", async () => {
    const answers = new RecentAnswers<string>(60_000);
    await expect(answers.ask("a", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await answers.ask("a", async () => "back")).toBe("back");
  });

  it("drops answers past their time to live, looking for them once per time to live", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const answers = new RecentAnswers<number>(1000);
    for (let i = 0; i < 50; i++) await answers.ask(`room ${i}`, async () => i);
    expect(answers.size).toBe(50);
    vi.setSystemTime(Date.now() + 500);
    await answers.ask("late", async () => 0);
    expect(answers.size).toBe(51);
    vi.setSystemTime(Date.now() + 600);
    // The first 50 are 1,100 ms old, "late" 600: only they go.
    await answers.ask("next", async () => 0);
    expect(answers.size).toBe(2);
  });
});
