import {
  CommandError,
  type AppError,
  type Backend,
  type Message,
  type DocumentKind,
  type DocumentView,
  type OfferIssue,
  type OfferView,
  type PaymentDraft,
  type ProposalRequest,
  type ApiCallEntry,
  type ExportedLog,
  type BookClient,
  type ClientPage,
  type HistoryPage,
  type HistoryFilter,
  type RenewalLine,
} from "./types";
import { FakeBook, type BookCall } from "./fake-book";
import { FakeCore } from "./fake-core";
import { emptyDraft } from "./fake-data";

export { defaultSettings, emptyDraft } from "./fake-data";
export type { BookCall } from "./fake-book";

/**
 * In-memory backend for Vitest. It does not re-implement the Rust validators: a test sets
 * `reject` to decide which saves fail and with what error.
 */export class FakeBackend extends FakeCore implements Backend {
  // Documents: an in-memory shelf. Opening is recorded (`opened`, `revealed`) instead of done.
  documents: (DocumentView & { draftId: number })[] = [];
  opened: number[] = [];
  revealed: number[] = [];
  proposals: ProposalRequest[] = [];
  /** Offer and policy downloads that reached the "API" (a saved file is opened with none). */
  downloads: string[] = [];
  /** Makes the next document call fail with this error. */
  documentFailure: AppError | null = null;
  private nextDocumentId = 1;

  async documentsFolder(): Promise<string> {
    return this.stored.documents.folder || "/home/agent/Documents/Casco Desk";
  }

  async draftDocuments(draftId: number): Promise<DocumentView[]> {
    return this.documents
      .filter((d) => d.draftId === draftId)
      .sort((a, b) => b.id - a.id)
      .map(({ draftId: _, ...view }) => structuredClone(view));
  }

  private failIfAsked(): void {
    const failure = this.documentFailure;
    this.documentFailure = null;
    if (failure) throw new CommandError(failure);
  }

  private shelve(draftId: number, kind: DocumentKind, name: string, offer: OfferView | null): DocumentView {
    const view: DocumentView = {
      id: this.nextDocumentId++, kind, name, folder: `/home/agent/Documents/Casco Desk/${this.clientName(this.drafts.get(draftId)?.draft ?? emptyDraft())}`,
      size: 18_432, savedAt: new Date().toISOString(), insurer: offer?.insurer ?? null, offerId: offer?.offerId ?? null, onDisk: true,
    };
    this.documents.push({ ...view, draftId });
    this.opened.push(view.id);
    return view;
  }

  private kept(kind: DocumentKind, offerId: string): DocumentView | null {
    const found = this.documents.find((d) => d.kind === kind && d.offerId === offerId && d.onDisk);
    if (!found) return null;
    this.opened.push(found.id);
    const { draftId: _, ...view } = found;
    return structuredClone(view);
  }

  /** An offer of the draft's saved comparison. */
  private storedOffer(draftId: number, offerId: string): OfferView {
    const offer = (this.saved.get(draftId)?.outcomes ?? [])
      .flatMap((o) => (o.state.kind === "offers" ? o.state.offers : []))
      .find((o) => o.offerId === offerId);
    if (!offer) throw new CommandError({ code: "not_found", message: { code: "offerNotFound" } });
    return offer;
  }

  async openOfferDocument(draftId: number, offerId: string): Promise<DocumentView> {
    this.failIfAsked();
    const kept = this.kept("offer", offerId);
    if (kept) return kept;
    const offer = this.storedOffer(draftId, offerId);
    this.downloads.push(`offer:${offerId}`);
    return this.shelve(draftId, "offer", `2026-12-02 Ofertă ${offer.insurer} ${offerId}.pdf`, offer);
  }

  async openPolicyDocument(draftId: number, offerId: string): Promise<DocumentView> {
    this.failIfAsked();
    const kept = this.kept("policy", offerId);
    if (kept) return kept;
    const issue = this.issues.get(offerId);
    if (issue?.state.state !== "issued") throw new CommandError({ code: "conflict", message: { code: "issueUnconfirmed" } });
    this.downloads.push(`policy:${offerId}`);
    const { series, number } = issue.state.policy;
    return this.shelve(draftId, "policy", `2026-12-02 Poliță ${issue.insurer} ${series} ${number}.pdf`, this.storedOffer(draftId, offerId));
  }

  async makeProposal(draftId: number, request: ProposalRequest): Promise<DocumentView> {
    this.failIfAsked();
    this.proposals.push(structuredClone(request));
    if (request.offerIds.length === 0) {
      throw new CommandError({ code: "validation", message: { code: "fixHighlighted" }, fields: { offers: [{ code: "required" }] } });
    }
    const count = this.documents.filter((d) => d.draftId === draftId && d.kind === "proposal").length;
    return this.shelve(draftId, "proposal", `2026-12-02 Propunere ${draftId}-${count + 1}.pdf`, null);
  }

  async openDocument(id: number): Promise<DocumentView> {
    this.failIfAsked();
    const found = this.documents.find((d) => d.id === id);
    if (!found) throw new CommandError({ code: "not_found", message: { code: "documentNotFound" } });
    this.opened.push(id);
    const { draftId: _, ...view } = found;
    return structuredClone(view);
  }

  async revealDocument(id: number): Promise<null> {
    this.failIfAsked();
    this.revealed.push(id);
    return null;
  }

  // Issuing: the payment rules are Rust's; the fake knows one (a document number for every
  // method but POS) so the form's flow can be tested, and `paymentCheck` replaces it.
  /** Issues by offer id, each with its draft. */
  issues = new Map<string, OfferIssue & { draftId: number }>();
  issueCalls: { draftId: number; offerId: string; payment: PaymentDraft }[] = [];
  verifyCalls: string[] = [];
  /** How the next issue ends; the default issues policy GRP 100045. */
  issueAnswer: ((offerId: string, insurer: string) => OfferIssue["state"]) | null = null;
  /** While set, issuePolicy waits for it: the call is "running". */
  issueGate: Promise<void> | null = null;
  paymentCheck: ((p: PaymentDraft) => Record<string, Message[]>) | null = null;
  today = "2026-12-02";

  async paymentForm(draftId: number, offerId: string): Promise<PaymentDraft> {
    const offer = this.storedOffer(draftId, offerId);
    const first = offer.installments[0]?.amount ?? offer.premium;
    return { method: "pos", currency: offer.currency === "EUR" ? "EUR" : "RON", amount: first, date: this.today, documentNumber: "" };
  }

  async checkPayment(_draftId: number, _offerId: string, payment: PaymentDraft): Promise<Partial<{ [key in string]: Message[] }>> {
    if (this.paymentCheck) return this.paymentCheck(payment);
    const fields: Record<string, Message[]> = {};
    if (!payment.amount.trim()) fields["payment.amount"] = [{ code: "required" }];
    if (!payment.date.trim()) fields["payment.date"] = [{ code: "required" }];
    if (payment.method !== "pos" && !payment.documentNumber.trim()) fields["payment.documentNumber"] = [{ code: "documentNumberRequired" }];
    return fields;
  }

  async issuePolicy(draftId: number, offerId: string, payment: PaymentDraft): Promise<OfferIssue> {
    const offer = this.storedOffer(draftId, offerId);
    const earlier = this.issues.get(offerId);
    if (earlier?.state.state === "issued") return structuredClone(earlier);
    if (earlier?.state.state === "unconfirmed") throw new CommandError({ code: "conflict", message: { code: "issueUnconfirmed" } });
    this.issueCalls.push({ draftId, offerId, payment: structuredClone(payment) });
    if (this.issueGate) await this.issueGate;
    const state = this.issueAnswer?.(offerId, offer.insurer) ?? this.issuedState(offer, payment);
    const issue: OfferIssue = { offerId, insurer: offer.insurer, state };
    this.issues.set(offerId, { ...issue, draftId });
    return structuredClone(issue);
  }

  private issuedState(offer: OfferView, payment: PaymentDraft): OfferIssue["state"] {
    return {
      state: "issued",
      policy: {
        series: "GRP", number: "100045", providerPolicyCode: "P-100045", startDate: offer.startDate, endDate: offer.endDate,
        premium: { amount: offer.premium, currency: offer.currency === "EUR" ? "EUR" : "RON" }, installments: offer.installments,
        payment: { method: payment.method, amount: { amount: payment.amount, currency: payment.currency }, date: payment.date, documentNumber: payment.documentNumber || null },
      },
    };
  }

  async verifyPolicyIssue(offerId: string): Promise<OfferIssue> {
    this.verifyCalls.push(offerId);
    const issue = this.issues.get(offerId);
    if (!issue) throw new CommandError({ code: "not_found", message: { code: "offerNotFound" } });
    if (issue.state.state === "unconfirmed") {
      const offer = this.storedOffer(issue.draftId, offerId);
      issue.state = this.issueAnswer?.(offerId, offer.insurer) ?? this.issuedState(offer, { method: "pos", currency: "RON", amount: offer.premium, date: this.today, documentNumber: "" });
    }
    return structuredClone({ offerId: issue.offerId, insurer: issue.insurer, state: issue.state });
  }

  async offerIssues(draftId: number): Promise<OfferIssue[]> {
    return [...this.issues.values()]
      .filter((i) => i.draftId === draftId)
      .map((i) => structuredClone({ offerId: i.offerId, insurer: i.insurer, state: i.state }));
  }

  /** "Series number" of the policy issued from draft `id`, as `saved_drafts::issued_policy`. */
  protected override policyOf(id: number): string | null {
    for (const issue of this.issues.values()) {
      if (issue.draftId === id && issue.state.state === "issued") {
        return `${issue.state.policy.series} ${issue.state.policy.number}`;
      }
    }
    return null;
  }

  /** The API log, newest first, as the desk returns it (masked in Rust). */
  apiLog: ApiCallEntry[] = [];
  /** What the save dialog answers: a path, or `null` for a cancelled dialog. */
  exportTo: string | null = null;

  async apiCalls(limit: number): Promise<ApiCallEntry[]> {
    return structuredClone(this.apiLog.slice(0, limit));
  }

  async exportApiLog(): Promise<ExportedLog | null> {
    return this.exportTo === null ? null : { path: this.exportTo, calls: this.apiLog.length };
  }

  async copyQuoteDraft(id: number): Promise<number | null> {
    const row = this.drafts.get(id);
    if (!row) return null;
    const draft = structuredClone(row.draft);
    draft.step = "policyholder";
    return this.saveQuoteDraft(null, draft);
  }

  // The client book: data the test sets in `book` (see FakeBook), never Rust's search.
  book = new FakeBook();
  async searchClients(query: string): Promise<BookClient[]> {
    this.book.searches.push(query);
    return structuredClone(this.book.answer?.(query) ?? this.book.clients);
  }
  async clientPage(clientId: number): Promise<ClientPage | null> {
    return structuredClone(this.book.pages.get(clientId) ?? null);
  }
  async history(filter: HistoryFilter): Promise<HistoryPage> {
    this.book.filters.push(structuredClone(filter));
    return { entries: structuredClone(this.book.entries), limited: this.book.limited };
  }
  async renewals(): Promise<RenewalLine[]> {
    this.book.renewalReads++;
    return structuredClone(this.book.due);
  }
  /** Start-up timing is the shell's log: nothing to keep in tests. */
  async firstScreenReady(): Promise<void> {}
  /** A new draft from the book: `book.draftFor` says what it holds; saved open, at step 1. */
  private async fromBook(call: BookCall): Promise<number | null> {
    this.book.calls.push(call);
    const draft = this.book.draftFor(call);
    return draft ? this.saveQuoteDraft(null, { ...draft, step: "policyholder" }) : null;
  }
  newDraftForClient = (clientId: number) => this.fromBook({ command: "newDraftForClient", clientId });
  requoteVehicle = (clientId: number, vehicleId: number) => this.fromBook({ command: "requoteVehicle", clientId, vehicleId });
  requoteRenewal = (offerId: string) => this.fromBook({ command: "requoteRenewal", offerId });
  copyAndRequote = (draftId: number) => this.fromBook({ command: "copyAndRequote", draftId });
}
