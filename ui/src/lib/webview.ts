// The webview is a browser underneath: F5 or Ctrl+R would reload the app and drop what is on
// screen (a comparison being read, an unsaved field), Ctrl+P would print the window and Ctrl+F
// opens a find bar that has no place in a desk app. They are switched off here, for every OS
// (WebView2 on Windows honours preventDefault for its accelerators; WKWebView and WebKitGTK have
// no such keys of their own but the same events reach them). Editing keys (Ctrl+C/V/X/A/Z) are
// left alone.

import { matches, type KeyPress, type Shortcut } from "./shortcuts";

/** Reload, print and find, with ⌘ on macOS and Ctrl elsewhere. */
const BROWSER_SHORTCUTS: Shortcut[] = [
  { code: "F5" },
  { code: "F5", primary: true },
  { code: "F5", shift: true },
  { code: "KeyR", primary: true },
  { code: "KeyR", primary: true, shift: true },
  { code: "KeyP", primary: true },
  { code: "KeyF", primary: true },
  { code: "KeyG", primary: true },
  { code: "F3" },
];

/** Whether `event` is one of the webview's own browser shortcuts. */
export function isBrowserShortcut(event: KeyPress, mac?: boolean): boolean {
  return BROWSER_SHORTCUTS.some((s) => matches(event, s, mac));
}

/**
 * Whether the webview's context menu may open for `target`: only where it cuts, copies and
 * pastes (an editable field) or copies selected text. Elsewhere it offers Reload and Print.
 */
export function contextMenuAllowed(target: EventTarget | null, selectedText: string): boolean {
  if (selectedText.trim() !== "") return true;
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== "function") return false;
  return el.closest("input, textarea, [contenteditable=''], [contenteditable='true']") !== null;
}

/** Switches the browser shortcuts and the context menu's reload off for the whole window. */
export function guardWebview(win: Window): void {
  // Capture phase on the window: before any component handler, and whatever has focus.
  win.addEventListener(
    "keydown",
    (event) => {
      if (isBrowserShortcut(event)) event.preventDefault();
    },
    { capture: true },
  );
  win.addEventListener(
    "contextmenu",
    (event) => {
      if (!contextMenuAllowed(event.target, win.getSelection()?.toString() ?? "")) event.preventDefault();
    },
    { capture: true },
  );
}
