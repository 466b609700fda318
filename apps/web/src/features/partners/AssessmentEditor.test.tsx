import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { OwnAssessmentDocument, SaveAssessmentDocument } from "../../gql/graphql";
import type { OwnAssessmentQuery, SaveAssessmentMutationVariables } from "../../gql/graphql";
import { AssessmentEditor } from "./AssessmentEditor";

type AssessmentItemData = NonNullable<NonNullable<OwnAssessmentQuery["viewer"]>["organization"]["assessment"]>["items"][number];

const strength: AssessmentItemData = {
  __typename: "AssessmentItem",
  kind: "STRENGTH",
  description: "Large-format print in 48 hours",
  capabilities: ["large-format"],
  industries: ["retail"],
};

function assessmentMock(items: AssessmentItemData[]): MockLink.MockedResponse {
  const data: OwnAssessmentQuery = {
    viewer: {
      __typename: "User",
      id: "VXNlcjptYXg=",
      organization: {
        __typename: "Organization",
        id: "T3JnOmFjbWU=",
        assessment: {
          __typename: "Assessment",
          updatedAt: "2026-11-01T10:00:00.000Z",
          updatedBy: { __typename: "User", id: "VXNlcjptYXg=", name: "Max Okafor" },
          items,
        },
      },
    },
  };
  return { request: { query: OwnAssessmentDocument }, result: { data } };
}

function renderEditor(canEdit: boolean, mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AssessmentEditor canEdit={canEdit} />
    </MockedProvider>,
  );
}

describe("the SWOT editor", () => {
  it("shows a rep the firm's assessment read-only", async () => {
    renderEditor(false, [assessmentMock([strength])]);

    expect(await screen.findByText("Large-format print in 48 hours")).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Strengths" })).getByText("retail")).toBeTruthy();
    expect(screen.getByText(/Managers and admins edit it\./)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
  });

  it("lets a manager add a weakness, says what is wrong before sending, and saves the whole SWOT", async () => {
    const sent: SaveAssessmentMutationVariables["input"][] = [];
    renderEditor(true, [
      assessmentMock([strength]),
      {
        request: { query: SaveAssessmentDocument, variables: () => true },
        result: (variables: SaveAssessmentMutationVariables) => {
          sent.push(variables.input);
          return { data: { saveAssessment: { __typename: "Assessment", updatedAt: "2026-11-30T10:00:00.000Z" } } };
        },
      },
      assessmentMock([
        strength,
        {
          __typename: "AssessmentItem",
          kind: "WEAKNESS",
          description: "No packaging design",
          capabilities: ["packaging-design"],
          industries: [],
        },
      ]),
    ]);
    fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
    fireEvent.click(screen.getByRole("button", { name: "Add a weakness" }));
    const weakness = screen.getByRole("group", { name: "Weakness 1" });
    fireEvent.change(within(weakness).getByLabelText("Capabilities"), { target: { value: "packaging-design, #design" } });

    fireEvent.click(screen.getByRole("button", { name: "Save assessment" }));

    expect(sent).toEqual([]);
    const description = within(weakness).getByLabelText("Weakness 1");
    expect(description.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(description.getAttribute("aria-describedby")!)!.textContent).toBe("Describe the item.");
    expect(within(weakness).getByText("“#design”: tags are 1 to 60 letters, digits, spaces or - & / + .")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Some items need a fix: see the messages above.");

    fireEvent.change(description, { target: { value: "No packaging design" } });
    fireEvent.change(within(weakness).getByLabelText("Capabilities"), { target: { value: "packaging-design" } });
    fireEvent.click(screen.getByRole("button", { name: "Save assessment" }));

    // Saved: the form closes and the SWOT reads as the server has it now.
    await screen.findByRole("button", { name: "Edit" });
    expect(screen.queryByRole("form", { name: "Edit the self-assessment" })).toBeNull();
    expect(within(screen.getByRole("region", { name: "Weaknesses" })).getByText("No packaging design")).toBeTruthy();
    expect(sent).toEqual([
      {
        items: [
          { kind: "STRENGTH", description: "Large-format print in 48 hours", capabilities: ["large-format"], industries: ["retail"] },
          { kind: "WEAKNESS", description: "No packaging design", capabilities: ["packaging-design"], industries: [] },
        ],
      },
    ]);
  });
});
