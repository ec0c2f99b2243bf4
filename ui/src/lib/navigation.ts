// The frame's section shortcuts: Alt+1…6 (⌥1…6 on macOS), matched on the physical key because
// Option+1 types "¡" on a Mac and other layouts move the digits.

import { digitOf, matches, shortcutLabel, type KeyPress } from "./shortcuts";

/** The 0-based section `event` jumps to, of `count`; null when it is no section shortcut. */
export function sectionShortcut(event: KeyPress, count: number, mac?: boolean): number | null {
  const n = digitOf(event);
  if (n === null || n > count) return null;
  return matches(event, { code: event.code, alt: true }, mac) ? n - 1 : null;
}

/** The shortcut of the section at `index` as the agent's OS writes it: "Alt+1", "⌥1". */
export function sectionShortcutLabel(index: number, mac?: boolean): string {
  return shortcutLabel({ code: `Digit${index + 1}`, alt: true }, mac);
}
