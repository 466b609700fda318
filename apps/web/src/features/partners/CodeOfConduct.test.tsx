import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { CodeOfConductAcceptance, clausesOf } from "./CodeOfConduct";

const CODE = {
  version: 3,
  title: "cosell partner code of conduct",
  text: "Sharing leads. A lead we pass on is one we may share.\n\nConfidentiality. Customer data stays in the room.\n\nCredit and disputes. Splits follow the work.",
};

function Acceptance() {
  const [accepted, setAccepted] = useState(false);
  return <CodeOfConductAcceptance code={CODE} accepted={accepted} onAcceptedChange={setAccepted} />;
}

describe("accepting the code of conduct", () => {
  it("can only be ticked once the full text of the version shown has been opened, in a scrollable region", () => {
    render(<Acceptance />);
    const checkbox = screen.getByLabelText("We accept the code of conduct, version 3") as HTMLInputElement;
    expect(checkbox.disabled).toBe(true);
    expect(screen.getByText("Read the code of conduct to accept it.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Read the code of conduct (version 3)" }));

    const text = screen.getByRole("region", { name: CODE.title });
    expect(text.tabIndex).toBe(0);
    expect(text.querySelectorAll("li")).toHaveLength(3);
    expect(text.textContent).toContain("(version 3)");
    expect(text.textContent).toContain("Customer data stays in the room.");
    expect(screen.getByRole("button", { name: "Hide the code of conduct" }).getAttribute("aria-expanded")).toBe("true");
    expect(checkbox.disabled).toBe(false);
    fireEvent.click(checkbox);
    expect(checkbox.checked).toBe(true);
  });

  it("reads each paragraph as a clause with its heading", () => {
    expect(clausesOf(CODE.text)[2]).toEqual({ heading: "Credit and disputes", text: "Splits follow the work." });
    expect(clausesOf("No heading here at all, just a long sentence without a full stop")).toEqual([
      { heading: "", text: "No heading here at all, just a long sentence without a full stop" },
    ]);
  });
});
