import { describe, expect, it } from "vitest";
import { withCost } from "./websocket.js";

describe("a first result written straight to the socket", () => {
  const cost = { requested: 12, limit: 50, remaining: 38, resetInSeconds: 60 };

  it("carries the cost in extensions, serialized as graphql-ws would send onNext's answer", () => {
    const result = { data: { roomActivity: { seq: 3, body: 'says "hi", }' } } };
    expect(withCost(JSON.stringify(result), cost)).toBe(JSON.stringify({ ...result, extensions: { cost } }));
    expect(JSON.parse(withCost(JSON.stringify(result), cost))).toEqual({ ...result, extensions: { cost } });
  });

  it("is valid JSON for an empty result too", () => {
    expect(withCost("{}", cost)).toBe(JSON.stringify({ extensions: { cost } }));
  });
});
