import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { DeactivateUserDocument, OrganizationPeopleDocument, SetUserRoleDocument } from "../../gql/graphql";
import type { OrgRole } from "../../gql/graphql";
import { apiError } from "../../test/fixtures";
import { People } from "./People";

const person = (id: string, name: string, role: OrgRole, active = true) => ({
  __typename: "User" as const,
  id,
  name,
  email: `${name.split(" ")[0]!.toLowerCase()}@acme.test`,
  role,
  active,
});
const ada = person("VXNlcjphZGE=", "Ada Achebe", "ADMIN");
const ana = person("VXNlcjphbmE=", "Ana Alvarez", "REP");

const peopleMock: MockLink.MockedResponse = {
  request: { query: OrganizationPeopleDocument },
  result: {
    data: {
      viewer: { __typename: "User", id: ada.id, organization: { __typename: "Organization", id: "T3JnOmFjbWU=", members: [ada, ana] } },
    },
  },
};

function renderPeople(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={[peopleMock, ...mocks]} cache={createCache()}>
      <People viewerId={ada.id} />
    </MockedProvider>,
  );
}

const row = (name: string) => screen.getByText(name).closest("li")!;

describe("People", () => {
  it("changes a person's role, and says why when the server refuses", async () => {
    renderPeople([
      {
        request: { query: SetUserRoleDocument, variables: { input: { userId: ana.id, role: "MANAGER" } } },
        result: { data: { setUserRole: { ...ana, role: "MANAGER" } } },
      },
      {
        request: { query: SetUserRoleDocument, variables: { input: { userId: ada.id, role: "REP" } } },
        result: {
          errors: [
            apiError(
              "Ada Achebe is the organization's only active admin and must keep their role: make someone else admin first",
              "CONFLICT",
            ),
          ],
        },
      },
    ]);
    await screen.findByText("Ana Alvarez");
    fireEvent.change(within(row("Ana Alvarez")).getByLabelText("Role"), { target: { value: "MANAGER" } });
    await waitFor(() => expect((within(row("Ana Alvarez")).getByLabelText("Role") as HTMLSelectElement).value).toBe("MANAGER"));

    fireEvent.change(within(row("Ada Achebe")).getByLabelText("Role"), { target: { value: "REP" } });
    expect((await within(row("Ada Achebe")).findByRole("alert")).textContent).toContain("only active admin");
    expect((within(row("Ada Achebe")).getByLabelText("Role") as HTMLSelectElement).value).toBe("ADMIN");
  });

  it("deactivates someone else after a second click, never the admin themself", async () => {
    renderPeople([
      {
        request: { query: DeactivateUserDocument, variables: { input: { userId: ana.id } } },
        result: { data: { deactivateUser: { ...ana, active: false } } },
      },
    ]);
    await screen.findByText("Ana Alvarez");
    expect(within(row("Ada Achebe")).queryByRole("button", { name: "Deactivate…" })).toBeNull();
    fireEvent.click(within(row("Ana Alvarez")).getByRole("button", { name: "Deactivate…" }));
    fireEvent.click(within(row("Ana Alvarez")).getByRole("button", { name: "Deactivate Ana Alvarez" }));
    expect(await within(row("Ana Alvarez")).findByText("Deactivated")).toBeTruthy();
    expect((within(row("Ana Alvarez")).getByLabelText("Role") as HTMLSelectElement).disabled).toBe(true);
  });
});
