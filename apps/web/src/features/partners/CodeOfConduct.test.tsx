import { CODE_OF_CONDUCT } from "@cosell/schema";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { CodeOfConductAcceptance } from "./CodeOfConduct";

function Acceptance() {
  const [accepted, setAccepted] = useState(false);
  return <CodeOfConductAcceptance accepted={accepted} onAcceptedChange={setAccepted} />;
}

describe("accepting the code of conduct", () => {
  it("can only be ticked once the full text has been shown, in a scrollable region", () => {
    render(<Acceptance />);
    const checkbox = screen.getByLabelText("We accept the code of conduct") as HTMLInputElement;
    expect(checkbox.disabled).toBe(true);
    expect(screen.getByText("Read the code of conduct to accept it.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Read the code of conduct" }));

    const text = screen.getByRole("region", { name: CODE_OF_CONDUCT.title });
    expect(text.tabIndex).toBe(0);
    expect(text.querySelectorAll("li")).toHaveLength(CODE_OF_CONDUCT.clauses.length);
    expect(text.textContent).toContain(CODE_OF_CONDUCT.clauses[3]!.text);
    expect(screen.getByRole("button", { name: "Hide the code of conduct" }).getAttribute("aria-expanded")).toBe("true");
    expect(checkbox.disabled).toBe(false);
    fireEvent.click(checkbox);
    expect(checkbox.checked).toBe(true);
  });
});
