/** The room the viewer last opened in this tab, so "Room" in the navigation goes back to it. */
const LAST_ROOM_KEY = "cosell.lastRoom";

export function rememberRoom(opportunityId: string): void {
  try {
    window.sessionStorage.setItem(LAST_ROOM_KEY, opportunityId);
  } catch {
    // Storage disabled: the navigation falls back to the room picker.
  }
}

export function lastRoom(): string | null {
  try {
    return window.sessionStorage.getItem(LAST_ROOM_KEY);
  } catch {
    return null;
  }
}

export function forgetLastRoom(): void {
  try {
    window.sessionStorage.removeItem(LAST_ROOM_KEY);
  } catch {
    // Nothing kept.
  }
}
