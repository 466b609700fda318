/**
 * Every tunable of the real-time layer, with its default and unit, in one place.
 * `PRESENCE_TTL_SECONDS` in the environment sets `presenceTtlMs` (see config.ts).
 */
export interface RealtimeOptions {
  /** How long a presence mark lives without a heartbeat, in ms. A crashed instance's users vanish after it. Default 30 000. */
  readonly presenceTtlMs: number;
  /** How often an instance refreshes its presence marks and prunes expired ones, in ms. Default: a third of the TTL. */
  readonly presenceHeartbeatMs: number;
  /** How often a live room subscription re-checks its access and the log without being told to, in ms. Default 30 000. */
  readonly recheckMs: number;
  /** WebSocket ping interval; a socket that misses a pong for as long is terminated, in ms. Default 12 000. */
  readonly keepAliveMs: number;
  /** Time a client has to send `connection_init` after opening the socket, in ms. Default 3 000. */
  readonly connectionInitWaitMs: number;
  /** On shutdown, how long sockets get to finish the close handshake before they are cut, in ms. Default 5 000. */
  readonly closeGraceMs: number;
  /** Parsed and validated documents kept for the socket path (LRU, by query text). Default 1 000. */
  readonly documentCacheSize: number;
  /** Largest WebSocket message accepted, in bytes; larger ones close the socket with 1009. Default 1 MiB. */
  readonly maxMessageBytes: number;
  /**
   * Bytes a socket may have waiting to be sent; a client that falls further behind (stopped reading,
   * say) is cut off, and catches up from the log when it reconnects with its cursor. Default 8 MiB.
   */
  readonly maxBufferedBytes: number;
  /** A publish to Redis that takes longer fails (the write it announces has committed anyway), in ms. Default 2 000. */
  readonly publishTimeoutMs: number;
}

export function realtimeOptions(overrides: Partial<RealtimeOptions> = {}): RealtimeOptions {
  const presenceTtlMs = overrides.presenceTtlMs ?? 30_000;
  return {
    presenceTtlMs,
    presenceHeartbeatMs: Math.max(100, Math.floor(presenceTtlMs / 3)),
    recheckMs: 30_000,
    keepAliveMs: 12_000,
    connectionInitWaitMs: 3_000,
    closeGraceMs: 5_000,
    documentCacheSize: 1_000,
    maxMessageBytes: 1024 * 1024,
    maxBufferedBytes: 8 * 1024 * 1024,
    publishTimeoutMs: 2_000,
    ...overrides,
  };
}
