import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("defaults to the embedded database with the demo world on port 4000", () => {
    const dir = mkdtempSync(join(tmpdir(), "cosell-config-"));
    const config = loadConfig({ COSELL_DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 4000,
      listenBacklog: 4096,
      databaseUrl: undefined,
      redisUrl: undefined,
      seed: "demo",
      nodeEnv: "development",
      dataDir: dir,
    });
    // The embedded secret is generated once and kept.
    expect(config.jwtSecret).toBe(readFileSync(join(dir, "jwt-secret"), "utf8"));
    expect(loadConfig({ COSELL_DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it("seeds nothing by default on an external database", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://db/cosell" }).seed).toBe("none");
  });

  it("names every bad value at once", () => {
    const bad = () =>
      loadConfig({
        PORT: "http",
        DATABASE_URL: "mysql://x",
        REDIS_URL: "::",
        COSELL_SEED: "all",
        LOG_LEVEL: "loud",
        JWT_SECRET: "short",
        RATE_LIMIT_POINTS: "-1",
        LISTEN_BACKLOG: "0",
      });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      const problems = (error as ConfigError).problems.join("\n");
      for (const name of [
        "PORT",
        "DATABASE_URL",
        "REDIS_URL",
        "COSELL_SEED",
        "LOG_LEVEL",
        "JWT_SECRET",
        "RATE_LIMIT_POINTS",
        "LISTEN_BACKLOG",
      ]) {
        expect(problems).toContain(name);
      }
    }
  });

  it("reads REDIS_CLUSTER_NODES as host:port seeds and says at start what is wrong with it", () => {
    const dir = mkdtempSync(join(tmpdir(), "cosell-config-"));
    expect(loadConfig({ COSELL_DATA_DIR: dir, REDIS_CLUSTER_NODES: " redis-1:7000, 10.0.0.2:7001,[::1]:7002 " }).redisClusterNodes).toEqual(
      ["redis-1:7000", "10.0.0.2:7001", "[::1]:7002"],
    );
    expect(loadConfig({ COSELL_DATA_DIR: dir }).redisClusterNodes).toBeUndefined();
    expect(() => loadConfig({ COSELL_DATA_DIR: dir, REDIS_CLUSTER_NODES: "redis-1:7000,redis://redis-2:7001" })).toThrow(
      /REDIS_CLUSTER_NODES must list Redis Cluster nodes as host:port.*"redis:\/\/redis-2:7001"/,
    );
    expect(() => loadConfig({ COSELL_DATA_DIR: dir, REDIS_CLUSTER_NODES: "redis-1:70000" })).toThrow(
      /REDIS_CLUSTER_NODES.*"redis-1:70000"/,
    );
    expect(() => loadConfig({ COSELL_DATA_DIR: dir, REDIS_CLUSTER_NODES: "redis-1" })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => loadConfig({ COSELL_DATA_DIR: dir, REDIS_URL: "redis://r:6379", REDIS_CLUSTER_NODES: "redis-1:7000" })).toThrow(
      /either REDIS_URL .* or REDIS_CLUSTER_NODES/,
    );
  });

  it("requires a shared JWT secret in production on an external database", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db/cosell" })).toThrow(/JWT_SECRET is required/);
  });
});

describe("partner API settings", () => {
  it("turns introspection off in production unless GRAPHQL_INTROSPECTION enables it", () => {
    const production = { NODE_ENV: "production", JWT_SECRET: "x".repeat(32) };
    expect(loadConfig({ ...production, COSELL_DATA_DIR: mkdtempSync(join(tmpdir(), "cosell-config-")) }).introspection).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: "true" }).introspection).toBe(true);
    expect(loadConfig({ COSELL_DATA_DIR: mkdtempSync(join(tmpdir(), "cosell-config-")) }).introspection).toBe(true);
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: "yes", WEBHOOK_TIMEOUT_MS: "0" })).toThrow(
      /GRAPHQL_INTROSPECTION[\s\S]*WEBHOOK_TIMEOUT_MS/,
    );
  });

  it("refuses private webhook targets in production unless WEBHOOK_PRIVATE_TARGETS allows them", () => {
    const production = {
      NODE_ENV: "production",
      JWT_SECRET: "x".repeat(32),
      COSELL_DATA_DIR: mkdtempSync(join(tmpdir(), "cosell-config-")),
    };
    expect(loadConfig(production).webhookPrivateTargets).toBe(false);
    expect(loadConfig({ ...production, WEBHOOK_PRIVATE_TARGETS: "allow" }).webhookPrivateTargets).toBe(true);
    expect(loadConfig({ COSELL_DATA_DIR: mkdtempSync(join(tmpdir(), "cosell-config-")) }).webhookPrivateTargets).toBe(true);
    expect(() => loadConfig({ WEBHOOK_PRIVATE_TARGETS: "yes" })).toThrow(/WEBHOOK_PRIVATE_TARGETS/);
  });
});

describe("throttling and connection caps", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "cosell-config-"));

  it("trusts no proxy by default, and takes a hop count, addresses, CIDRs and range names", () => {
    expect(loadConfig({ COSELL_DATA_DIR: dir() }).trustProxy).toBe(false);
    expect(loadConfig({ COSELL_DATA_DIR: dir(), TRUST_PROXY: "none" }).trustProxy).toBe(false);
    expect(loadConfig({ COSELL_DATA_DIR: dir(), TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ COSELL_DATA_DIR: dir(), TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::/8, 192.168.1.10" }).trustProxy).toEqual([
      "loopback",
      "10.0.0.0/8",
      "fd00::/8",
      "192.168.1.10",
    ]);
  });

  it("refuses a TRUST_PROXY it cannot read, and trusting everyone, with a clear message", () => {
    for (const value of ["true", "10.0.0.0/33", "proxy.internal", "1.2.3"]) {
      expect(() => loadConfig({ COSELL_DATA_DIR: dir(), TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY must be none, a hop count, or a comma-separated list/,
      );
    }
  });

  it("has defaults for the sign-in throttle and the socket caps, and checks them", () => {
    expect(loadConfig({ COSELL_DATA_DIR: dir() })).toMatchObject({
      loginThrottle: { accountFreeFailures: 5, addressFreeFailures: 50, baseDelayMs: 1000, maxDelayMs: 900_000, forgetAfterMs: 86_400_000 },
      maxSubscriptionsPerSocket: 100,
      maxSocketsPerUser: 20,
      maxSocketsPerApiToken: 20,
    });
    const bad = () => loadConfig({ MAX_SOCKETS_PER_USER: "0", LOGIN_BASE_DELAY_MS: "5000", LOGIN_MAX_DELAY_MS: "10" });
    expect(bad).toThrow(/MAX_SOCKETS_PER_USER must be a whole number from 1/);
    expect(bad).toThrow(/LOGIN_MAX_DELAY_MS must not be less than LOGIN_BASE_DELAY_MS/);
  });
});
