import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { DealRegistrationsDocument, ReviewDealRegistrationDocument } from "../../gql/graphql";
import type { DealRegistrationsQuery, ReviewDealRegistrationMutationVariables } from "../../gql/graphql";
import { RegistrationItem, RegistrationReview } from "./DealRegistrations";
import type { RegistrationViewer } from "./DealRegistrations";

type Registration = DealRegistrationsQuery["dealRegistrations"][number];

const conflict: Registration["conflicts"][number] = {
  __typename: "Opportunity",
  id: "T3BwOmNvbnRvc28=",
  title: "Contoso holiday packaging",
  stage: "NEGOTIATION",
  owner: { __typename: "User", id: "VXNlcjphbmE=", name: "Ana Alvarez" },
};

function reviewMocks(sent: ReviewDealRegistrationMutationVariables["input"][]): MockLink.MockedResponse[] {
  return [
    {
      request: { query: ReviewDealRegistrationDocument, variables: () => true },
      result: (variables: ReviewDealRegistrationMutationVariables) => {
        sent.push(variables.input);
        return {
          data: {
            reviewDealRegistration: {
              __typename: "DealRegistration",
              id: variables.input.id,
              status: variables.input.decision === "APPROVE" ? "APPROVED" : "REJECTED",
              reviewReason: variables.input.reason ?? null,
              overrideReason: variables.input.overrideReason ?? null,
              opportunity: null,
            },
          },
        };
      },
    },
    { request: { query: DealRegistrationsDocument }, result: { data: { dealRegistrations: [] } } },
  ];
}

function renderReview(conflicts: Registration["conflicts"], sent: ReviewDealRegistrationMutationVariables["input"][]) {
  return render(
    <MockedProvider mocks={reviewMocks(sent)} cache={createCache()}>
      <RegistrationReview registration={{ id: "UmVnOjE=", title: "Contoso spring catalog", conflicts }} />
    </MockedProvider>,
  );
}

describe("RegistrationReview", () => {
  it("approves a registration in conflict only with an override reason", async () => {
    const sent: ReviewDealRegistrationMutationVariables["input"][] = [];
    renderReview([conflict], sent);

    fireEvent.click(screen.getByRole("button", { name: "Approve with override…" }));
    // Nothing is sent until the manager says why the partner still gets the deal.
    expect(sent).toEqual([]);
    const submit = () => screen.getByRole("button", { name: "Approve and override" }) as HTMLButtonElement;
    expect(submit().disabled).toBe(true);

    fireEvent.change(screen.getByLabelText("Why the partner still gets this deal"), {
      target: { value: "Pixel sourced the spring line; ours is holiday only." },
    });
    fireEvent.click(submit());

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      id: "UmVnOjE=",
      decision: "APPROVE",
      overrideReason: "Pixel sourced the spring line; ours is holiday only.",
    });
    await waitFor(() => expect(screen.queryByLabelText("Why the partner still gets this deal")).toBeNull());
  });

  it("approves a registration without conflicts at once", async () => {
    const sent: ReviewDealRegistrationMutationVariables["input"][] = [];
    renderReview([], sent);

    fireEvent.click(screen.getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(sent).toEqual([{ id: "UmVnOjE=", decision: "APPROVE" }]));
  });

  it("rejects with the reason typed", async () => {
    const sent: ReviewDealRegistrationMutationVariables["input"][] = [];
    renderReview([conflict], sent);

    fireEvent.click(screen.getByRole("button", { name: "Reject…" }));
    fireEvent.change(screen.getByLabelText("Why it is rejected"), { target: { value: "Acme already works this account." } });
    fireEvent.click(screen.getByRole("button", { name: "Reject registration" }));

    await waitFor(() => expect(sent).toEqual([{ id: "UmVnOjE=", decision: "REJECT", reason: "Acme already works this account." }]));
  });
});

const org = (id: string, name: string) => ({ __typename: "Organization" as const, id, name });
const acme = org("T3JnOmFjbWU=", "Acme Print");
const pixel = org("T3JnOnBpeGVs", "Pixel Studio");
const paperworks = org("T3JnOnBhcGVy", "Paperworks");

const registration: Registration = {
  __typename: "DealRegistration",
  id: "UmVnOmxlZQ==",
  status: "APPROVED",
  accountName: "Hooli",
  accountDomain: "hooli.example",
  title: "Hooli launch kit",
  closeDate: null,
  createdAt: "2027-01-04T09:00:00.000Z",
  reviewReason: null,
  overrideReason: null,
  protectedUntil: "2027-04-04T09:00:00.000Z",
  expiredAt: null,
  autoApproved: true,
  hasRegistrationConflict: true,
  amount: { __typename: "Money", amount: "8000.00", currency: "USD" },
  vendor: { ...acme, registrationProtectionDays: 90 },
  registrant: { __typename: "User", id: "VXNlcjpsZWU=", name: "Lee Lindqvist", organization: pixel },
  reviewedBy: null,
  conflicts: [],
  conflictingRegistrations: [
    {
      __typename: "DealRegistration",
      id: "UmVnOnNhbQ==",
      title: "Hooli paper stock",
      status: "PENDING",
      createdAt: "2027-01-05T09:00:00.000Z",
      amount: { __typename: "Money", amount: "2500.00", currency: "USD" },
      registrant: { __typename: "User", id: "VXNlcjpzYW0=", name: "Sam Sato", organization: paperworks },
    },
  ],
  attachments: [
    {
      __typename: "RegistrationAttachment",
      id: "QXR0OjE=",
      filename: "letter of intent.pdf",
      contentType: "application/pdf",
      size: 2048,
      url: "/registrations/UmVnOmxlZQ==/attachments/QXR0OjE=",
    },
  ],
  opportunity: null,
};

function renderItem(item: Registration, viewer: RegistrationViewer) {
  return render(
    <MockedProvider mocks={[]} cache={createCache()}>
      <ul>
        <RegistrationItem registration={item} viewer={viewer} />
      </ul>
    </MockedProvider>,
  );
}

describe("RegistrationItem", () => {
  it("shows the vendor's reviewer every other partner's registration of the account, the files, and the protection", () => {
    renderItem(registration, { id: "VXNlcjptYXg=", role: "MANAGER", organization: acme });
    const others = screen.getByRole("note", { name: "Other partners' registrations" });
    expect(others.textContent).toMatch(/Hooli paper stock · .*2,500\.00 · Sam Sato of Paperworks · Pending review since/);
    const file = screen.getByRole("link", { name: "letter of intent.pdf" });
    expect(file.getAttribute("href")).toBe("/registrations/UmVnOmxlZQ==/attachments/QXR0OjE=");
    expect(screen.getByText(/\(PDF, 2 KB\)/)).toBeTruthy();
    expect(screen.getByText(/Approved automatically by the vendor's rule · Protected until .*2027/)).toBeTruthy();
    // The vendor does not attach files to a partner's registration.
    expect(screen.queryByLabelText("Attach files")).toBeNull();
  });

  it("tells the registrant only that another partner registered the account, and lets them attach files", () => {
    renderItem(
      { ...registration, status: "PENDING", protectedUntil: null, autoApproved: false, conflictingRegistrations: [] },
      { id: "VXNlcjpsZWU=", role: "REP", organization: pixel },
    );
    expect(screen.getByRole("note").textContent).toBe(
      "Conflict: another partner has already registered this account with Acme Print; its review decides.",
    );
    expect(screen.queryByText(/Paperworks|Sam Sato/)).toBeNull();
    expect(screen.getByText("Once approved, Acme Print protects the registration for 90 days unless the deal moves on.")).toBeTruthy();
    expect(screen.getByLabelText("Attach files")).toBeTruthy();
  });

  it("says when an expired registration lapsed", () => {
    renderItem(
      {
        ...registration,
        status: "EXPIRED",
        expiredAt: "2027-04-04T10:00:00.000Z",
        conflictingRegistrations: [],
        hasRegistrationConflict: false,
      },
      { id: "VXNlcjpsZWU=", role: "REP", organization: pixel },
    );
    expect(screen.getByText("Expired")).toBeTruthy();
    expect(screen.getByText(/Expired on .*2027: the protection window ended before the deal moved on\./)).toBeTruthy();
    expect(screen.queryByLabelText("Attach files")).toBeNull();
  });
});

describe("RegistrationItem of a registration kept from approval", () => {
  it("offers the reviewer only to reject it while another partner's registration is approved", () => {
    const approvedOther = { ...registration.conflictingRegistrations[0]!, status: "APPROVED" as const };
    renderItem(
      { ...registration, status: "PENDING", protectedUntil: null, autoApproved: false, conflictingRegistrations: [approvedOther] },
      { id: "VXNlcjptYXg=", role: "MANAGER", organization: acme },
    );
    expect(screen.getByText(/Paperworks's registration of this account is approved and protected/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Approve/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Reject…" })).toBeTruthy();
  });
});
