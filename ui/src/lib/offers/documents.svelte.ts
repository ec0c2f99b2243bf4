// The draft's documents: offer and policy PDFs (downloaded once, then opened from disk by
// Rust), the client proposal, and the list the agent opens them from again. Rust saves,
// records and opens every file; the UI says what runs and what went wrong, per action.

import type { Backend, DocumentView, ProposalRequest } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";

/** One action on documents, the key of its spinner and of its error: `offer:<offer id>`, `policy:<offer id>`, `proposal`, `open:<document id>`. */
export type DocumentJob = `offer:${string}` | `policy:${string}` | "proposal" | `open:${number}` | `reveal:${number}`;

/** What the Documente list shows and does: a draft's documents, or a client's across drafts. */
export interface DocumentShelf {
  readonly list: DocumentView[];
  readonly folder: string;
  readonly listError: Sentence | null;
  isRunning(job: DocumentJob): boolean;
  errorOf(job: DocumentJob): Sentence | null;
  open(doc: DocumentView): Promise<unknown>;
  reveal(doc: DocumentView): Promise<unknown>;
}

export class DraftDocuments implements DocumentShelf {
  draftId = $state<number | null>(null);
  /** The draft's saved documents, newest first. */
  list = $state<DocumentView[]>([]);
  /** Where documents are saved now (Setări, or Documents/Casco Desk). */
  folder = $state("");
  /** Why the list could not be read. */
  listError = $state<Sentence | null>(null);
  /** Actions running now: a second press of the same one sends nothing. */
  running = $state<Set<DocumentJob>>(new Set());
  /** The last failure of each action, shown under its button until it is pressed again. */
  errors = $state<Partial<Record<DocumentJob, Sentence>>>({});
  /** The document the last action saved or opened, for the line that says where it is. */
  last = $state<DocumentView | null>(null);
  private refreshSeq = 0;

  constructor(private readonly backend: Backend) {}

  /** Another draft is shown: its documents, not this one's. */
  reset(draftId: number | null): void {
    this.draftId = draftId;
    this.list = [];
    this.listError = null;
    this.running = new Set();
    this.errors = {};
    this.last = null;
  }

  /** Reads the draft's documents again (after every save, and when the comparison opens). */
  async refresh(): Promise<void> {
    const id = this.draftId;
    if (id === null) return;
    const mine = ++this.refreshSeq;
    try {
      const [list, folder] = await Promise.all([this.backend.draftDocuments(id), this.backend.documentsFolder()]);
      if (mine !== this.refreshSeq || this.draftId !== id) return;
      this.list = list;
      this.folder = folder;
      this.listError = null;
    } catch (e) {
      if (mine === this.refreshSeq) this.listError = problem(e);
    }
  }

  isRunning(job: DocumentJob): boolean {
    return this.running.has(job);
  }

  errorOf(job: DocumentJob): Sentence | null {
    return this.errors[job] ?? null;
  }

  /** Downloads (the first time) and opens an offer's PDF. */
  openOffer(offerId: string): Promise<DocumentView | null> {
    return this.run(`offer:${offerId}`, (draftId) => this.backend.openOfferDocument(draftId, offerId));
  }

  /** Downloads (the first time) and opens the PDF of the policy issued from an offer. */
  openPolicy(offerId: string): Promise<DocumentView | null> {
    return this.run(`policy:${offerId}`, (draftId) => this.backend.openPolicyDocument(draftId, offerId));
  }

  /** Makes the proposal for the client, saves and opens it. */
  makeProposal(request: ProposalRequest): Promise<DocumentView | null> {
    return this.run("proposal", (draftId) => this.backend.makeProposal(draftId, request));
  }

  /** Opens a saved document in the system's viewer. */
  open(doc: DocumentView): Promise<DocumentView | null> {
    return this.run(`open:${doc.id}`, () => this.backend.openDocument(doc.id));
  }

  /** Shows a saved document in the file manager. */
  async reveal(doc: DocumentView): Promise<void> {
    await this.run(`reveal:${doc.id}`, async () => {
      await this.backend.revealDocument(doc.id);
      return null;
    });
  }

  /**
   * Runs `call` once at a time per job; its document becomes `last` and the list is read again,
   * since a download may have saved a new file. Null when the job was already running or failed.
   */
  private async run(job: DocumentJob, call: (draftId: number) => Promise<DocumentView | null>): Promise<DocumentView | null> {
    const draftId = this.draftId;
    if (draftId === null || this.running.has(job)) return null;
    this.running = new Set(this.running).add(job);
    const { [job]: _, ...others } = this.errors;
    this.errors = others;
    try {
      const doc = await call(draftId);
      if (this.draftId !== draftId) return doc;
      if (doc) this.last = doc;
      await this.refresh();
      return doc;
    } catch (e) {
      if (this.draftId === draftId) this.errors = { ...this.errors, [job]: problem(e) };
      return null;
    } finally {
      const next = new Set(this.running);
      next.delete(job);
      this.running = next;
    }
  }
}
