import { act, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REFETCH_ON_RETURN_MIN_MS, useRefetchOnReturn } from "./useRefetchOnReturn";

function List(props: { refetch: () => void }) {
  useRefetchOnReturn(props.refetch);
  return null;
}

describe("useRefetchOnReturn", () => {
  afterEach(() => vi.useRealTimers());

  it("asks the list again when the person comes back to the window, at most once per interval, and never while hidden", () => {
    vi.useFakeTimers();
    const refetch = vi.fn();
    const { unmount } = render(<List refetch={refetch} />);

    act(() => void window.dispatchEvent(new Event("focus")));
    expect(refetch).not.toHaveBeenCalled(); // just mounted: the list was fetched a moment ago

    vi.advanceTimersByTime(REFETCH_ON_RETURN_MIN_MS);
    act(() => void window.dispatchEvent(new Event("focus")));
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(refetch).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(REFETCH_ON_RETURN_MIN_MS);
    const visibility = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(refetch).toHaveBeenCalledTimes(1);
    visibility.mockRestore();

    unmount();
    act(() => void window.dispatchEvent(new Event("focus")));
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
