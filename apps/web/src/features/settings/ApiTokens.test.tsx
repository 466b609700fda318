import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { ApiTokensDocument, CreateApiTokenDocument } from "../../gql/graphql";
import type { ApiTokensQuery, CreateApiTokenMutationVariables } from "../../gql/graphql";
import { ApiTokens } from "./ApiTokens";

const SECRET = "csl_live_4f9a0c2e7b1d83a6e5f0c9b2d7a41e38";

function tokens(list: { name: string; hint: string }[]): { data: ApiTokensQuery } {
  return {
    data: {
      apiTokens: list.map((t, i) => ({
        __typename: "ApiToken",
        id: `VG9rOj${i}`,
        name: t.name,
        scopes: ["READ", "WRITE"],
        hint: t.hint,
        createdAt: "2026-11-20T09:00:00.000Z",
        lastUsedAt: null,
        revokedAt: null,
        createdBy: { __typename: "User", id: "VXNlcjptYXg=", name: "Max Okafor" },
      })),
    },
  };
}

describe("ApiTokens", () => {
  it("shows a new token's secret once, and forgets it when closed", async () => {
    const sent: CreateApiTokenMutationVariables["input"][] = [];
    const mocks: MockLink.MockedResponse[] = [
      { request: { query: ApiTokensDocument }, result: tokens([]) },
      {
        request: { query: CreateApiTokenDocument, variables: () => true },
        result: (variables: CreateApiTokenMutationVariables) => {
          sent.push(variables.input);
          return {
            data: {
              createApiToken: {
                __typename: "CreateApiTokenPayload",
                token: SECRET,
                apiToken: { __typename: "ApiToken", id: "VG9rOj0", name: "Pixel CRM sync", hint: "csl_…1e38" },
              },
            },
          };
        },
      },
      { request: { query: ApiTokensDocument }, result: tokens([{ name: "Pixel CRM sync", hint: "csl_…1e38" }]) },
    ];
    const { container } = render(
      <MockedProvider mocks={mocks} cache={createCache()}>
        <ApiTokens />
      </MockedProvider>,
    );

    await screen.findByText(/No tokens yet/);
    fireEvent.click(screen.getByRole("button", { name: "New token" }));
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Pixel CRM sync" } });
    fireEvent.click(screen.getByLabelText(/Can also write/));
    fireEvent.click(screen.getByRole("button", { name: "Create token" }));

    expect((await screen.findByLabelText("New API token")).textContent).toBe(SECRET);
    expect(sent).toEqual([{ name: "Pixel CRM sync", scopes: ["READ", "WRITE"] }]);
    await screen.findByText("csl_…1e38");

    fireEvent.click(screen.getByRole("button", { name: "I have stored it, close" }));

    await waitFor(() => expect(container.textContent).not.toContain(SECRET));
    // The list only ever shows the hint; a new token form is offered again.
    expect(screen.getByText("Pixel CRM sync")).toBeTruthy();
    expect(screen.getByRole("button", { name: "New token" })).toBeTruthy();
  });
});
