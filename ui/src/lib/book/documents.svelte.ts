// The client's documents on their page: every PDF saved for any of the client's drafts, opened
// and shown in their folder by Rust (openDocument, revealDocument), as the draft's own list does.

import type { Backend, DocumentView } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";
import type { DocumentJob, DocumentShelf } from "../offers/documents.svelte";

export class ClientDocuments implements DocumentShelf {
  list = $state<DocumentView[]>([]);
  folder = $state("");
  listError = $state<Sentence | null>(null);
  running = $state<Set<DocumentJob>>(new Set());
  errors = $state<Partial<Record<DocumentJob, Sentence>>>({});

  constructor(private readonly backend: Backend) {}

  /** The page's documents (newest first, as Rust lists them) and where new ones are saved. */
  async show(list: DocumentView[]): Promise<void> {
    this.list = list;
    this.folder = await this.backend.documentsFolder().catch(() => "");
  }

  isRunning(job: DocumentJob): boolean {
    return this.running.has(job);
  }

  errorOf(job: DocumentJob): Sentence | null {
    return this.errors[job] ?? null;
  }

  open(doc: DocumentView): Promise<void> {
    return this.run(`open:${doc.id}`, () => this.backend.openDocument(doc.id));
  }

  reveal(doc: DocumentView): Promise<void> {
    return this.run(`reveal:${doc.id}`, () => this.backend.revealDocument(doc.id));
  }

  private async run(job: DocumentJob, call: () => Promise<unknown>): Promise<void> {
    if (this.running.has(job)) return;
    this.running = new Set(this.running).add(job);
    const { [job]: _, ...others } = this.errors;
    this.errors = others;
    try {
      await call();
    } catch (e) {
      this.errors = { ...this.errors, [job]: problem(e) };
    } finally {
      const next = new Set(this.running);
      next.delete(job);
      this.running = next;
    }
  }
}
