// Clienți: the search as the agent types (Rust searches the book in memory and answers at
// once; a short pause only spares a call per keystroke), the client chosen in the list, and the
// client's page. It lives for the whole session, so coming back from the wizard finds the same
// search and page.

import type { Backend, BookClient, ClientPage } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";
import { InsurerNames } from "./insurers.svelte";
import { OneAction, stepFrom } from "./lists.svelte";

/** Its actions (`run`): "new", "vehicle:<id>", "draft:<id>", "policy:<offer id>"; a failure stays on the page until the next one. */
export class ClientBook extends OneAction {
  query = $state("");
  /** The latest answer; null before the first one. */
  results = $state<BookClient[] | null>(null);
  /** The client the keyboard is on (by id); the first result when none. */
  selected = $state<number | null>(null);
  searchError = $state<Sentence | null>(null);
  /** The client whose page is open, and the page once read. */
  pageId = $state<number | null>(null);
  page = $state<ClientPage | null>(null);
  pageError = $state<Sentence | null>(null);

  /** Insurer names for the page's policies. */
  readonly insurers: InsurerNames;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private searchSeq = 0;
  private pageSeq = 0;

  constructor(
    readonly backend: Backend,
    private readonly delayMs = 60,
  ) {
    super();
    this.insurers = new InsurerNames(backend);
  }

  /** The client ↑/↓ and Enter act on. */
  get current(): BookClient | null {
    const list = this.results ?? [];
    return list.find((c) => c.id === this.selected) ?? list[0] ?? null;
  }

  /** The agent typed: search after a short pause. */
  type(query: string): void {
    this.query = query;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), this.delayMs);
  }

  /** Searches now; an older answer never replaces a newer one. */
  async search(): Promise<void> {
    clearTimeout(this.timer);
    const mine = ++this.searchSeq;
    try {
      const found = await this.backend.searchClients(this.query);
      if (mine !== this.searchSeq) return;
      this.results = found;
      this.searchError = null;
      if (!found.some((c) => c.id === this.selected)) this.selected = found[0]?.id ?? null;
    } catch (e) {
      if (mine === this.searchSeq) this.searchError = problem(e);
    }
  }

  /** Moves the selection `delta` clients, staying within the list. */
  move(delta: number): void {
    const next = stepFrom(this.results ?? [], this.current, delta);
    if (next) this.selected = next.id;
  }

  /** Opens client `id`'s page (read from the store: no API call). */
  async openPage(id: number): Promise<void> {
    this.pageId = id;
    this.selected = id;
    if (this.page?.client.id !== id) this.page = null;
    this.actionError = null;
    await this.reloadPage();
  }

  /** Reads the open page again (coming back from the wizard, after a new draft). */
  async reloadPage(): Promise<void> {
    const id = this.pageId;
    if (id === null) return;
    const mine = ++this.pageSeq;
    try {
      const page = await this.backend.clientPage(id);
      if (mine !== this.pageSeq || this.pageId !== id) return;
      this.page = page;
      this.pageError = page ? null : { key: "clients.gone" };
    } catch (e) {
      if (mine === this.pageSeq) this.pageError = problem(e);
    }
  }

  /** Back to the list (the search as it was). */
  closePage(): void {
    this.pageId = null;
    this.page = null;
    this.pageError = null;
    this.actionError = null;
  }
}
