// Istoric's state: the filter bar, the entries Rust answers for it (newest first), which
// comparisons are unfolded and which line the keyboard is on. It lives for the session, so the
// filters survive a trip to the wizard and back.

import type { Backend, HistoryEntry } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";
import { InsurerNames } from "./insurers.svelte";
import { OneAction, stepFrom } from "./lists.svelte";
import { emptyHistoryForm, entryKey, groupEntries, historyFilter, type HistoryForm, type HistoryRow } from "./history";

/** Its actions (`run`): "open:<key>", "reveal:<key>", "copy:<key>"; a failure shows above the list until the next one. */
export class HistoryView extends OneAction {
  form = $state<HistoryForm>(emptyHistoryForm());
  entries = $state<HistoryEntry[] | null>(null);
  /** Date fields that cannot be read: marked, and left out of the filter. */
  invalid = $state<("from" | "to")[]>([]);
  loadError = $state<Sentence | null>(null);
  /** Keys of the comparisons whose offers are unfolded. */
  unfolded = $state<Set<string>>(new Set());
  /** The line the keyboard is on (its entry's key); the first line when none. */
  selected = $state<string | null>(null);
  /** Insurer names by key, for the filter and the lines. */
  readonly insurers: InsurerNames;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(
    readonly backend: Backend,
    private readonly delayMs = 150,
  ) {
    super();
    this.insurers = new InsurerNames(backend);
  }

  /** The lines as shown: comparisons with their offers folded under them. */
  readonly rows: HistoryRow[] = $derived(groupEntries(this.entries ?? []));

  /** Whether Rust left older lines out (its limit): a narrower period shows them. */
  limited = $state(false);

  /** The entries on screen in order: a comparison, then its offers when unfolded. */
  readonly visible: HistoryEntry[] = $derived(
    this.rows.flatMap((r) => (this.unfolded.has(entryKey(r.entry)) ? [r.entry, ...r.offers] : [r.entry])),
  );

  get current(): HistoryEntry | null {
    return this.visible.find((e) => entryKey(e) === this.selected) ?? this.visible[0] ?? null;
  }

  /** A filter changed: read again after a short pause (the search box types through here too). */
  changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), this.delayMs);
  }

  /** Reads the entries for the filters now; an older answer never replaces a newer one. */
  async load(): Promise<void> {
    clearTimeout(this.timer);
    const { filter, invalid } = historyFilter(this.form);
    this.invalid = invalid;
    const mine = ++this.seq;
    try {
      const page = await this.backend.history(filter);
      if (mine !== this.seq) return;
      this.entries = page.entries;
      this.limited = page.limited;
      this.loadError = null;
    } catch (e) {
      if (mine === this.seq) this.loadError = problem(e);
    }
  }

  /** Every filter back to "toate". */
  clear(): void {
    this.form = emptyHistoryForm();
    void this.load();
  }

  /** Folds or unfolds a comparison's offers. */
  toggle(entry: HistoryEntry): void {
    const key = entryKey(entry);
    const next = new Set(this.unfolded);
    if (!next.delete(key)) next.add(key);
    this.unfolded = next;
  }

  move(delta: number): void {
    const next = stepFrom(this.visible, this.current, delta);
    if (next) this.selected = entryKey(next);
  }
}
