import { getIntrospectionQuery } from "graphql";
import type { IntrospectionInputTypeRef, IntrospectionQuery, IntrospectionType, IntrospectionTypeRef } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ADD_COMMITMENT, MOVE, countRows, demoOpportunities, inDays, openRoom, userId } from "./helpers.js";
import { ROOM_ACTIVITY, firstAnswer, socketClient } from "./ws.js";

let t: TestServer;
let ana: string;
let max: string;
let accountId: string;
beforeAll(async () => {
  t = await startTestServer();
  ana = await t.login("ana@acme.test");
  max = await t.login("max@acme.test");
  const accounts = await t.gql(`{ accounts { id name } }`, {}, ana);
  accountId = accounts.data!.accounts.find((a: { name: string }) => a.name === "Initech").id;
});
afterAll(() => t?.close());

const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id name domain } }`;
const CREATE_OPPORTUNITY = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id closeDate } }`;
const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id scopes } } }`;
const CREATE_WEBHOOK = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { id url } }`;
const REGISTER = `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { id } }`;

/** The first error as [code, field], for one-line expectations. */
const refusal = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => [
  codeOf(result as never),
  result.errors?.[0]?.extensions?.field,
];

describe("browser security headers", () => {
  const expectSecurityHeaders = (response: Response) => {
    const csp = response.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("style-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    const host = new URL(t.url).host;
    expect(directives.get("connect-src")).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    // Plain http: a browser would ignore HSTS here, and sending it would pin a host that has no TLS.
    expect(response.headers.get("strict-transport-security")).toBeNull();
  };

  it("are on the API, the health checks and the web app's pages, without HSTS over plain http", async () => {
    const api = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(api.status).toBe(200);
    expectSecurityHeaders(api);
    expectSecurityHeaders(await fetch(`${t.url}/healthz`));
    expectSecurityHeaders(await fetch(`${t.url}/readyz`));
    // The web app's page when it is built; the JSON 404 otherwise: both carry them.
    expectSecurityHeaders(await fetch(`${t.url}/board`));
    const unknown = await fetch(`${t.url}/export/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] });
    expectSecurityHeaders(unknown);
    // Errors outside GraphQL carry them too.
    expectSecurityHeaders(await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" }));
  });

  it("leave CORS out: a page of another origin can neither preflight nor read an answer", async () => {
    const origin = "https://elsewhere.example";
    const preflight = await fetch(`${t.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const answer = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { origin, "content-type": "application/json", authorization: `Bearer ${ana}` },
      body: JSON.stringify({ query: "{ viewer { name } }" }),
    });
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("leaves a forged Host header out of the policy", async () => {
    const { request } = await import("node:http");
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(`${t.url}/healthz`, { headers: { host: "evil.example; script-src *" } }, (res) => {
        res.resume();
        resolve(String(res.headers["content-security-policy"]));
      });
      req.on("error", reject);
      req.end();
    });
    expect(csp).not.toContain("evil");
    expect(csp).toMatch(/connect-src 'self'\s*;/);
  });

  it("add HSTS when the request came over TLS (here through a trusted proxy's X-Forwarded-Proto), never on an untrusted claim", async () => {
    const behindProxy = await startTestServer({ trustProxy: ["loopback"] });
    try {
      const overTls = await fetch(`${behindProxy.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
      expect(overTls.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      expect((await fetch(`${behindProxy.url}/healthz`)).headers.get("strict-transport-security")).toBeNull();
    } finally {
      await behindProxy.close();
    }
    // `t` trusts no proxy: anyone can send the header.
    const claimed = await fetch(`${t.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(claimed.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("a NUL character in any String argument", () => {
  type Ref = IntrospectionInputTypeRef;
  let types: Map<string, IntrospectionType>;
  type AnyRef = Ref | IntrospectionTypeRef;
  const named = (ref: AnyRef): string => (ref.kind === "NON_NULL" || ref.kind === "LIST" ? named(ref.ofType) : ref.name);

  /** A value of the type with every required field filled, so the request gets past GraphQL's own coercion. */
  function sample(ref: Ref): unknown {
    if (ref.kind === "NON_NULL") return sample(ref.ofType);
    if (ref.kind === "LIST") return [sample(ref.ofType)];
    const type = types.get(ref.name)!;
    if (type.kind === "ENUM") return type.enumValues[0]!.name;
    if (type.kind === "INPUT_OBJECT") {
      return Object.fromEntries(
        type.inputFields.filter((f) => f.type.kind === "NON_NULL" && f.defaultValue == null).map((f) => [f.name, sample(f.type)]),
      );
    }
    return { Int: 1, Float: 1, Boolean: true }[ref.name] ?? "x";
  }

  /** Every path from an argument to a String inside it: [argument, ...fields and list indexes]. */
  function stringPaths(ref: Ref, path: (string | number)[], seen: Set<string>): (string | number)[][] {
    if (ref.kind === "NON_NULL") return stringPaths(ref.ofType, path, seen);
    if (ref.kind === "LIST") return stringPaths(ref.ofType, [...path, 0], seen);
    if (ref.name === "String") return [path];
    const type = types.get(ref.name)!;
    if (type.kind !== "INPUT_OBJECT" || seen.has(type.name)) return [];
    return type.inputFields.flatMap((f) => stringPaths(f.type, [...path, f.name], new Set([...seen, type.name])));
  }

  /** `value` (of type `ref`) with a NUL in the String at `path`; whatever is missing on the way is sampled. */
  function withNul(ref: Ref, value: unknown, path: (string | number)[]): unknown {
    if (ref.kind === "NON_NULL") return withNul(ref.ofType, value, path);
    if (path.length === 0) return "before\u0000after";
    const [head, ...rest] = path;
    const current = value ?? sample(ref);
    if (ref.kind === "LIST") {
      const items = [...(current as unknown[])];
      items[head as number] = withNul(ref.ofType, items[head as number], rest);
      return items;
    }
    const type = types.get(ref.name)!;
    const field = type.kind === "INPUT_OBJECT" ? type.inputFields.find((f) => f.name === head)! : undefined;
    return { ...(current as object), [head!]: withNul(field!.type, (current as Record<string, unknown>)[head!], rest) };
  }

  const print = (ref: Ref): string =>
    ref.kind === "NON_NULL" ? `${print(ref.ofType)}!` : ref.kind === "LIST" ? `[${print(ref.ofType)}]` : ref.name;

  it("answers BAD_USER_INPUT naming the field, for every String argument of every query and mutation", async () => {
    const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, ana);
    const schema = introspection.data!.__schema;
    types = new Map(schema.types.map((type) => [type.name, type]));
    const checked: string[] = [];
    const failures: string[] = [];
    for (const [operation, root] of [
      ["query", schema.queryType],
      ["mutation", schema.mutationType],
    ] as const) {
      const type = types.get(root!.name)!;
      if (type.kind !== "OBJECT") continue;
      for (const field of type.fields) {
        for (const arg of field.args) {
          for (const path of stringPaths(arg.type, [], new Set())) {
            const variables: Record<string, unknown> = Object.fromEntries(
              field.args.filter((a) => a.type.kind === "NON_NULL").map((a) => [a.name, sample(a.type)]),
            );
            variables[arg.name] = withNul(arg.type, variables[arg.name], path);
            const declared = field.args.map((a) => `$${a.name}: ${print(a.type)}`).join(", ");
            const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
            const leaf = types.get(named(field.type))?.kind;
            const selection = leaf === "OBJECT" || leaf === "INTERFACE" ? " { __typename }" : "";
            const query = `${operation} (${declared}) { ${field.name}(${passed})${selection} }`;
            const result = await t.gql(query, variables, ana);
            // The field as validation errors name it: inside the argument's input object, list items by their position.
            const argIsObject = types.get(named(arg.type))?.kind === "INPUT_OBJECT";
            const segments = (argIsObject ? path : [arg.name, ...path]).map(String);
            while (segments.length > 1 && /^\d+$/.test(segments.at(-1)!)) segments.pop();
            const expected = segments.join(".");
            const where = `${field.name}(${arg.name}: ${[arg.name, ...path].join(".")})`;
            checked.push(where);
            const [code, reported] = refusal(result);
            if (code !== "BAD_USER_INPUT" || reported !== expected || !result.errors![0]!.message.startsWith(`${expected}: `)) {
              failures.push(`${where}: ${JSON.stringify(result.errors ?? result.data)}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The walk reached the strings the issue names.
    for (const where of [
      "logActivity(input: input.body)",
      "logActivity(input: input.idempotencyKey)",
      "createAccount(input: input.name)",
      "createApiToken(input: input.name)",
      "createWebhook(input: input.secret)",
      "opportunities(filter: filter.search)",
      "partnerDirectory(needs: needs.0)",
      "saveAssessment(input: input.items.0.capabilities.0)",
    ]) {
      expect(checked).toContain(where);
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it("answers BAD_USER_INPUT when a subscription starts over the socket", async () => {
    const [room] = Object.values(await demoOpportunities(t));
    const socket = socketClient(t.url, ana);
    try {
      const refused = await firstAnswer(socket, ROOM_ACTIVITY, { id: room!.id, after: "before\u0000after" });
      expect(refusal(refused)).toEqual(["BAD_USER_INPUT", "after"]);
      expect(refused.errors![0]!.message).toBe("after: must not contain the NUL character (U+0000)");
    } finally {
      await socket.dispose();
    }
  });
});

describe("close dates", () => {
  for (const closeDate of ["0000-01-01", "1969-12-31", "2027-13-01", "10000-01-01"]) {
    it(`refuses ${closeDate} on create, update and deal registration`, async () => {
      const before = await countRows(t, "opportunity");
      const created = await t.gql(
        CREATE_OPPORTUNITY,
        { input: { accountId, title: "Dated", amount: { amount: "1.00", currency: "USD" }, closeDate } },
        ana,
      );
      expect(refusal(created)).toEqual(["BAD_USER_INPUT", "closeDate"]);
      expect(await countRows(t, "opportunity")).toBe(before);
      const { id, version } = (await demoOpportunities(t))["Initech annual report print run"]!;
      const updated = await t.gql(
        `mutation ($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { id } }`,
        { input: { id, expectedVersion: version, closeDate } },
        ana,
      );
      expect(refusal(updated)).toEqual(["BAD_USER_INPUT", "closeDate"]);
    });
  }

  it("accepts the first and last days of the window", async () => {
    for (const closeDate of ["1970-01-01", "9999-12-31"]) {
      const created = await t.gql(
        CREATE_OPPORTUNITY,
        { input: { accountId, title: "Edge", amount: { amount: "1.00", currency: "USD" }, closeDate } },
        ana,
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createOpportunity.closeDate).toBe(closeDate);
    }
  });
});

describe("domains", () => {
  const long = `${"a".repeat(60)}.`.repeat(5) + "example"; // 312 characters of valid labels
  const cases: [string, string][] = [
    ["longer than 253 characters", long],
    ["with a label longer than 63 characters", `${"a".repeat(64)}.example`],
    ["with a label starting with -", "-acme.example"],
    ["with a label ending with -", "acme-.example"],
    ["with credentials", "https://user:pw@acme.example"],
    ["with a path", "https://acme.example/contact"],
    ["with a port", "acme.example:8080"],
  ];
  for (const [what, domain] of cases) {
    it(`refuses a domain ${what}, on accounts and deal registrations alike`, async () => {
      expect(refusal(await t.gql(CREATE_ACCOUNT, { input: { name: "Hooli", domain } }, ana))).toEqual(["BAD_USER_INPUT", "domain"]);
      const sam = await t.login("sam@paperworks.test");
      const acme = (await t.gql(`{ viewer { organization { id } } }`, {}, ana)).data!.viewer.organization.id;
      const registered = await t.gql(
        REGISTER,
        {
          input: {
            vendorOrganizationId: acme,
            accountName: "Hooli",
            accountDomain: domain,
            title: "Hooli",
            amount: { amount: "1.00", currency: "USD" },
          },
        },
        sam,
      );
      expect(refusal(registered)).toEqual(["BAD_USER_INPUT", "accountDomain"]);
    });
  }

  it("takes a web address for its domain: scheme, case and trailing slash dropped", async () => {
    const created = await t.gql(CREATE_ACCOUNT, { input: { name: "Acme Example", domain: "https://Acme.example/" } }, ana);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAccount.domain).toBe("acme.example");
    const [row] = await t.sql(`SELECT domain, normalized_domain FROM account WHERE name = 'Acme Example'`);
    expect(row).toEqual({ domain: "acme.example", normalized_domain: "acme.example" });
    const sam = await t.login("sam@paperworks.test");
    const acme = (await t.gql(`{ viewer { organization { id } } }`, {}, ana)).data!.viewer.organization.id;
    const registered = await t.gql(
      REGISTER,
      {
        input: {
          vendorOrganizationId: acme,
          accountName: "Acme Example",
          accountDomain: "HTTP://www.Acme.Example",
          title: "Acme",
          amount: { amount: "1.00", currency: "USD" },
        },
      },
      sam,
    );
    expect(registered.errors).toBeUndefined();
    const [registration] = await t.sql(
      `SELECT account_domain, normalized_domain FROM deal_registration WHERE account_name = 'Acme Example'`,
    );
    expect(registration).toEqual({ account_domain: "www.acme.example", normalized_domain: "acme.example" });
  });
});

describe("commitment due times", () => {
  it("need a time zone: Z or an offset", async () => {
    const room = await openRoom(t, { title: "Due times" });
    const anaId = await userId(t, "ana@acme.test");
    const future = inDays(30).slice(0, 19); // 2026-…T…:…:… without a zone
    for (const dueAt of [future, future.slice(0, 10), `${future}+2`, "2030-02-30T10:00:00Z"]) {
      const result = await t.gql(ADD_COMMITMENT, { input: { opportunityId: room, assigneeId: anaId, title: "Send proofs", dueAt } }, ana);
      expect([dueAt, ...refusal(result)]).toEqual([dueAt, "BAD_USER_INPUT", "dueAt"]);
    }
    for (const dueAt of [`${future}Z`, `${future}+02:00`, `${future}.250-05:30`]) {
      const result = await t.gql(ADD_COMMITMENT, { input: { opportunityId: room, assigneeId: anaId, title: "Send proofs", dueAt } }, ana);
      expect([dueAt, result.errors]).toEqual([dueAt, undefined]);
    }
  });
});

describe("API token scopes and webhook URLs", () => {
  it("refuses a token that may write but not read", async () => {
    const before = await countRows(t, "api_token");
    expect(refusal(await t.gql(CREATE_TOKEN, { input: { name: "writer", scopes: ["WRITE"] } }, max))).toEqual(["BAD_USER_INPUT", "scopes"]);
    expect(await countRows(t, "api_token")).toBe(before);
    const both = await t.gql(CREATE_TOKEN, { input: { name: "both", scopes: ["WRITE", "READ"] } }, max);
    expect(both.data!.createApiToken.apiToken.scopes).toEqual(["READ", "WRITE"]);
  });

  it("refuses a webhook URL with credentials in it", async () => {
    const before = await countRows(t, "webhook");
    for (const url of ["https://user:pass@hooks.example/cosell", "https://user@hooks.example/cosell"]) {
      const result = await t.gql(CREATE_WEBHOOK, { input: { url, secret: "s".repeat(20), events: ["DEAL_WON"] } }, max);
      expect(refusal(result)).toEqual(["BAD_USER_INPUT", "url"]);
    }
    expect(await countRows(t, "webhook")).toBe(before);
  });
});

describe("a stale expectedVersion", () => {
  it("answers CONFLICT before any other check of the move", async () => {
    const room = await openRoom(t, { title: "Stale first" });
    const moved = await t.gql(MOVE, { input: { id: room, stage: "QUALIFICATION", expectedVersion: 1 } }, ana);
    expect(moved.data!.moveOpportunityStage.version).toBe(2);
    // Already in QUALIFICATION, but the version is stale: the caller's view is out of date first of all.
    const same = await t.gql(MOVE, { input: { id: room, stage: "QUALIFICATION", expectedVersion: 1 } }, ana);
    expect(codeOf(same)).toBe("CONFLICT");
    expect(same.errors![0]!.extensions!.currentVersion).toBe(2);
    // With the current version, the same move is a mistake of the input.
    expect(refusal(await t.gql(MOVE, { input: { id: room, stage: "QUALIFICATION", expectedVersion: 2 } }, ana))).toEqual([
      "BAD_USER_INPUT",
      "stage",
    ]);
  });

  it("leaves a won deal final whatever version is sent", async () => {
    const room = await openRoom(t, { title: "Won and stale" });
    const won = await t.gql(MOVE, { input: { id: room, stage: "CLOSED_WON", expectedVersion: 1 } }, max);
    expect(won.errors).toBeUndefined();
    for (const expectedVersion of [1, 2]) {
      const reopened = await t.gql(MOVE, { input: { id: room, stage: "NEGOTIATION", expectedVersion } }, max);
      expect(refusal(reopened)).toEqual(["BAD_USER_INPUT", "stage"]);
      expect(reopened.errors![0]!.message).toContain("a won deal is final");
    }
  });
});
