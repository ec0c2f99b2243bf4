// The moment the first screen can be typed into, for the shell's start-up log and
// `scripts/bench startup`: the wizard's first field (or, when a draft was left open, the
// resume banner's first button) is in the page and a frame showing it has been painted.

import type { PageTiming } from "./bindings";

// main.ts imports this module first, so this runs as soon as the bundle starts evaluating.
const scriptMs = performance.now();

/** The mark App.svelte sets once the settings are read (the first call the UI waits for). */
export const SETTINGS_READ_MARK = "casco:settings-read";

/** How long the start waits for the first screen before it goes on without it. */
const FIRST_SCREEN_WAIT_MS = 3000;

let markPainted: () => void = () => undefined;

/** Resolves once the first screen is painted, or after `FIRST_SCREEN_WAIT_MS` if it never is
 * (a start that failed to show it must still connect). */
export const firstScreenPainted = new Promise<void>((resolve) => {
  markPainted = resolve;
  setTimeout(resolve, FIRST_SCREEN_WAIT_MS);
});

/** What counts as "ready to type into" on the first screen. */
const FIRST_SCREEN_TARGET =
  ".step-form input:not([disabled]), .step-form select:not([disabled]), #resume-banner button";

/** Where the page's time went until now, by its own clock. */
function pageTiming(): PageTiming {
  return {
    navigationEpochMs: performance.timeOrigin,
    scriptMs,
    settingsMs: performance.getEntriesByName(SETTINGS_READ_MARK)[0]?.startTime ?? -1,
    readyMs: performance.now(),
  };
}

/** Calls `report` once, two animation frames after `FIRST_SCREEN_TARGET` appears under `root`. */
export function reportFirstScreen(report: (timing: PageTiming) => unknown, root: ParentNode & Node = document): void {
  const painted = () => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        markPainted();
        void report(pageTiming());
      }),
    );
  };
  if (root.querySelector(FIRST_SCREEN_TARGET)) {
    painted();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!root.querySelector(FIRST_SCREEN_TARGET)) return;
    observer.disconnect();
    painted();
  });
  observer.observe(root, { childList: true, subtree: true });
}
