// Reînnoiri: the policies ending within the window set in Setări (Rust decides which, soonest
// first), their count on the navigation, and "Recotează pentru reînnoire". Read at start, when
// the section opens, after a policy is issued and after Setări is saved.

import type { Backend, RenewalLine } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";
import { InsurerNames } from "./insurers.svelte";
import { OneAction, stepFrom } from "./lists.svelte";

/** Its action (`run`): a policy's renewal draft, named by the policy's offer id; a failure shows above the list. */
export class Renewals extends OneAction {
  lines = $state<RenewalLine[] | null>(null);
  loadError = $state<Sentence | null>(null);
  /** The line the keyboard is on (its offer id); the first when none. */
  selected = $state<string | null>(null);
  /** Insurer names for the lines. */
  readonly insurers: InsurerNames;
  private seq = 0;

  constructor(readonly backend: Backend) {
    super();
    this.insurers = new InsurerNames(backend);
  }

  /** How many policies are due: the navigation's badge (0 before the first read). */
  get count(): number {
    return this.lines?.length ?? 0;
  }

  get current(): RenewalLine | null {
    const list = this.lines ?? [];
    return list.find((l) => l.line.offerId === this.selected) ?? list[0] ?? null;
  }

  async refresh(): Promise<void> {
    const mine = ++this.seq;
    try {
      const lines = await this.backend.renewals();
      if (mine !== this.seq) return;
      this.lines = lines;
      this.loadError = null;
    } catch (e) {
      if (mine === this.seq) this.loadError = problem(e);
    }
  }

  move(delta: number): void {
    const next = stepFrom(this.lines ?? [], this.current, delta);
    if (next) this.selected = next.line.offerId;
  }
}
