import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LoadState } from "./LoadState";

describe("a figures panel before its first answer", () => {
  it("says it is loading, then why it failed with a way to try again, and nothing once there is data", () => {
    let retried = 0;
    const retry = () => (retried += 1);
    const { rerender } = render(<LoadState what="the pipeline" loading error={undefined} hasData={false} retry={retry} />);
    expect(screen.getByRole("status").textContent).toBe("Loading the pipeline…");

    rerender(<LoadState what="the pipeline" loading={false} error={new Error("Network down")} hasData={false} retry={retry} />);
    expect(screen.getByRole("alert").textContent).toContain("Could not load the pipeline.");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(retried).toBe(1);

    rerender(<LoadState what="the pipeline" loading error={new Error("Network down")} hasData retry={retry} />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });
});
