// "Emite polița": the payment form (prefilled by Rust, checked by Rust as the agent types,
// each message under its field), a confirmation that sums it up, then ONE issuePolicy call.
// The form never sends twice: a second confirm while the call runs does nothing, and Rust
// refuses a second call for the offer from anywhere else.

import type { Backend, ComparedOffer, Message, OfferIssue, PaymentDraft, PaymentMethod } from "../backend";
import { fieldProblems, problem } from "../errors";
import { formatAmount, formatDate } from "../format";
import type { Lang } from "../i18n/index.svelte";
import type { Sentence } from "../i18n/messages";
import type { DraftDocuments } from "./documents.svelte";
import type { PolicyIssues } from "./issues.svelte";

/** The payment fields, as Rust names their paths (`payment.amount`). */
export const PAYMENT_FIELDS = ["method", "currency", "amount", "date", "documentNumber"] as const;
export type PaymentField = (typeof PAYMENT_FIELDS)[number];

/** The ways of paying, in the order the form lists them. */
export const PAYMENT_METHODS: PaymentMethod[] = ["pos", "receipt", "broker receipt", "payment order", "broker payment order"];

/** Card payments carry no document number; every other method names its receipt or order. */
export const needsDocument = (method: PaymentMethod | null) => method !== null && method !== "pos";

/** `dd.mm.yyyy` as typed → `yyyy-mm-dd`; anything else is sent as typed, for Rust to name. */
export function isoDay(text: string): string {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : text.trim();
}

/**
 * An amount as typed → the decimal text Rust reads: grouping marks dropped ("1.234,56" in
 * Romanian, "1,234.56" in English), the decimal mark kept (Rust reads a comma too).
 */
export function wireAmount(text: string, lang: Lang): string {
  const bare = text.replace(/\s/g, "");
  return lang === "ro" ? (bare.includes(",") ? bare.replace(/\./g, "") : bare) : bare.replace(/,/g, "");
}

export type IssueStage = "loading" | "payment" | "confirm" | "issued" | "unconfirmed";

export class IssueForm {
  stage = $state<IssueStage>("loading");
  method = $state<PaymentMethod | null>(null);
  currency = $state<PaymentDraft["currency"]>("RON");
  amount = $state("");
  /** dd.mm.yyyy, as the agent reads and types dates. */
  date = $state("");
  documentNumber = $state("");
  /** Rust's messages by path (`payment.amount`). */
  fields = $state<Record<string, Message[]>>({});
  /** Fields the agent changed (their messages show at once; the others after "Continuă"). */
  touched = $state<Set<PaymentField>>(new Set());
  /** The issuePolicy call is running: the confirm button is disabled and a second press sends nothing. */
  sending = $state(false);
  /** Why the form cannot go on (the offer is gone, the insurer refused, the call failed). */
  error = $state<Sentence | null>(null);
  /** The last answer of issuePolicy. */
  result = $state<OfferIssue | null>(null);
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkSeq = 0;

  constructor(
    private readonly backend: Backend,
    readonly draftId: number,
    readonly row: ComparedOffer,
    private readonly issues: PolicyIssues,
    private readonly documents: DraftDocuments,
    private readonly lang: () => Lang,
    private readonly checkMs = 250,
  ) {}

  get offerId(): string {
    return this.row.offer.offerId;
  }

  /** Prefills the form from the offer (card, first installment, today). */
  async load(): Promise<void> {
    try {
      const draft = await this.backend.paymentForm(this.draftId, this.offerId);
      this.method = draft.method;
      this.currency = draft.currency;
      this.amount = formatAmount(draft.amount, this.lang());
      this.date = formatDate(draft.date);
      this.documentNumber = draft.documentNumber;
      this.stage = "payment";
    } catch (e) {
      this.error = problem(e);
      this.stage = "payment";
    }
  }

  /** The payment as Rust reads it. */
  payment(): PaymentDraft {
    return {
      method: this.method,
      currency: this.currency,
      amount: wireAmount(this.amount, this.lang()),
      date: isoDay(this.date),
      documentNumber: needsDocument(this.method) ? this.documentNumber.trim() : "",
    };
  }

  /** The agent changed a field: its messages show from now on, and the form is checked again. */
  edit(field: PaymentField): void {
    if (!this.touched.has(field)) this.touched = new Set(this.touched).add(field);
    this.error = null;
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), this.checkMs);
  }

  /** The messages to show under `field` now. */
  messagesFor(field: PaymentField): Message[] {
    return this.touched.has(field) ? (this.fields[`payment.${field}`] ?? []) : [];
  }

  /** Messages on paths the form has no field for (shown above the buttons). */
  get otherMessages(): Message[] {
    const known = new Set(PAYMENT_FIELDS.map((f) => `payment.${f}`));
    return Object.entries(this.fields).flatMap(([path, list]) => (known.has(path) ? [] : list));
  }

  /** Checks the payment in Rust; an older answer never overwrites a newer one. True when it may be sent. */
  async check(): Promise<boolean> {
    clearTimeout(this.checkTimer);
    const mine = ++this.checkSeq;
    try {
      const fields = (await this.backend.checkPayment(this.draftId, this.offerId, this.payment())) as Record<string, Message[]>;
      if (mine === this.checkSeq) this.fields = fields;
      return Object.values(fields).every((list) => list.length === 0);
    } catch (e) {
      if (mine === this.checkSeq) this.error = problem(e);
      return false;
    }
  }

  /** "Continuă": to the confirmation when the payment passes, else every message shows. */
  async review(): Promise<void> {
    const ok = await this.check();
    this.touched = new Set(PAYMENT_FIELDS);
    if (ok && this.error === null) this.stage = "confirm";
  }

  /** Back from the confirmation to the payment, as it was typed. */
  back(): void {
    if (!this.sending) this.stage = "payment";
  }

  /**
   * "Confirmă emiterea": ONE issuePolicy call. Issued: the policy PDF is saved and opened at
   * once. Refused: the insurer's messages go under the payment fields. No answer: the offer
   * is unconfirmed and only "Verifică" may ask again.
   */
  async confirm(): Promise<void> {
    if (this.sending || this.stage !== "confirm") return;
    this.sending = true;
    this.error = null;
    try {
      const issue = await this.backend.issuePolicy(this.draftId, this.offerId, this.payment());
      this.result = issue;
      this.issues.record(issue);
      this.settle(issue);
    } catch (e) {
      this.error = problem(e);
      const fields = fieldProblems(e);
      if (Object.keys(fields).length > 0) {
        this.fields = fields;
        this.touched = new Set(PAYMENT_FIELDS);
        this.stage = "payment";
      }
      // Another window or an earlier call left the offer sent or issued: show where it stands.
      void this.issues.load(this.draftId);
    } finally {
      this.sending = false;
    }
  }

  /** "Verifică" on an unconfirmed issue: the very same request again, never a new payment. */
  async verify(): Promise<void> {
    const issue = await this.issues.verify(this.offerId);
    if (!issue) return;
    this.result = issue;
    this.settle(issue);
  }

  private settle(issue: OfferIssue): void {
    const state = issue.state;
    if (state.state === "issued") {
      this.stage = "issued";
      void this.documents.openPolicy(this.offerId);
    } else if (state.state === "refused") {
      this.fields = state.fields as Record<string, Message[]>;
      this.touched = new Set(PAYMENT_FIELDS);
      this.error = state.message;
      this.stage = "payment";
    } else {
      // Still no answer after "Verifică": say so, with the number of attempts.
      this.error = this.stage === "unconfirmed" ? { key: "issue.verify.still", params: { attempts: state.attempts } } : state.reason;
      this.stage = "unconfirmed";
    }
  }

  /** Stops the pending check (the dialog closed). */
  dispose(): void {
    clearTimeout(this.checkTimer);
  }
}
