// What Clienți, Istoric and Reînnoiri (and Ciorne's ↑/↓) do alike: one action at a time from
// their lines, and moving the line the keyboard is on.

import type { Sentence } from "../i18n/messages";

/** The line `delta` lines away from `current` in `list`, kept within it; null when there is no current line. */
export function stepFrom<T>(list: readonly T[], current: T | null, delta: number): T | null {
  if (current === null) return null;
  return list[Math.min(list.length - 1, Math.max(0, list.indexOf(current) + delta))] ?? null;
}

/** Runs one action at a time (opening a draft, starting a new one); its failure shows until the next one. */
export class OneAction {
  /** Why the last action did not happen. */
  actionError = $state<Sentence | null>(null);
  /** The action running now, by name ("new", "draft:<id>", an offer id…): a second press sends nothing. */
  busy = $state<string | null>(null);

  /** Runs `action` as `name` unless another runs; whether it went through (no failure). */
  async run(name: string, action: () => Promise<Sentence | null>): Promise<boolean> {
    if (this.busy !== null) return false;
    this.busy = name;
    this.actionError = null;
    try {
      this.actionError = await action();
      return this.actionError === null;
    } finally {
      this.busy = null;
    }
  }
}
