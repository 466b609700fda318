import { makeServer } from "graphql-ws";
import type { ServerOptions, WebSocket as ServerSocket } from "graphql-ws";

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/**
 * A graphql-ws server running in the test process, and a browser-like `WebSocket` class whose
 * instances connect to it. Stub the global `WebSocket` with it to exercise the app's real
 * subscription transport (graphql-ws client, protocol, connectionParams) without a network.
 * It implements the part of the WebSocket API that graphql-ws's client uses.
 */
export function createInProcessGraphQLWs(options: ServerOptions) {
  const server = makeServer(options);
  /** The URL of every socket opened, in order. */
  const urls: string[] = [];
  /** Every socket opened, in order: close one to play a dropped connection. */
  const sockets: { close(code?: number, reason?: string): void }[] = [];

  class InProcessWebSocket {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;

    readyState = CONNECTING;
    onopen: (() => void) | null = null;
    onmessage: ((event: { data: string }) => void) | null = null;
    onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    private deliverToServer: ((data: string) => Promise<void>) | null = null;
    private serverClosed: ((code?: number, reason?: string) => Promise<void>) | null = null;

    constructor(
      readonly url: string,
      readonly protocol: string,
    ) {
      urls.push(url);
      sockets.push(this);
      const serverSide: ServerSocket = {
        protocol,
        send: (data) => {
          // Asynchronous, like a real socket, so neither side re-enters the other.
          setTimeout(() => {
            if (this.readyState === OPEN) this.onmessage?.({ data });
          });
        },
        close: (code, reason) => this.shutDown(code ?? 1000, reason ?? ""),
        onMessage: (deliver) => {
          this.deliverToServer = deliver;
        },
      };
      setTimeout(() => {
        this.readyState = OPEN;
        this.serverClosed = server.opened(serverSide, {});
        this.onopen?.();
      });
    }

    send(data: string): void {
      if (this.readyState !== OPEN) throw new Error("the socket is not open");
      void this.deliverToServer?.(data).catch(() => this.shutDown(4500, "Internal server error"));
    }

    close(code = 1000, reason = ""): void {
      this.shutDown(code, reason);
    }

    private shutDown(code: number, reason: string): void {
      if (this.readyState === CLOSED || this.readyState === CLOSING) return;
      this.readyState = CLOSING;
      void this.serverClosed?.(code, reason);
      setTimeout(() => {
        this.readyState = CLOSED;
        this.onclose?.({ code, reason, wasClean: true });
      });
    }
  }

  return { WebSocket: InProcessWebSocket, urls, sockets };
}
