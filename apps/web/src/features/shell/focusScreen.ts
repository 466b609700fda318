/**
 * Where focus starts when the signed-in app first appears (after signing in, the form that had
 * focus is gone and focus would fall back to the page's body): the screen's heading, so a
 * keyboard or screen reader user starts at "Board" rather than at the top of the document.
 * Without a heading yet (a screen still loading), the main region. Focus that is already somewhere
 * (say, a control the user reached before the app rendered) stays where it is.
 */
export function focusScreenStart(main: HTMLElement): void {
  const active = document.activeElement;
  if (active && active !== document.body && active !== document.documentElement) return;
  const heading = main.querySelector<HTMLElement>("h1");
  if (!heading) {
    main.focus();
    return;
  }
  // Focusable by script only, not in the tab order.
  if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
  heading.focus();
}
