// Oferte: the vehicle's variants per insurer, the batch of quote calls (outcomes arrive one by
// one on a Channel), the saved comparison of the draft, and the rows the agent sorts and filters.

import type {
  Backend,
  ComparedOffer,
  ComparisonFilter,
  InsurerOutcome,
  InsurerRef,
  InsurerVariants,
  Message,
  QuoteDraft,
} from "../backend";
import { fieldProblems, problem } from "../errors";
import { compareText } from "../format";
import type { Sentence } from "../i18n/messages";
import type { Shortcut } from "../shortcuts";
import type { QuoteWizard } from "../wizard/state.svelte";
import type { Lang } from "../i18n/index.svelte";
import { DraftDocuments } from "./documents.svelte";
import { PolicyIssues } from "./issues.svelte";
import { IssueForm } from "./payment.svelte";
import { refusal, type Refusal } from "./terms";

/** One insurer's line in the comparison: waiting for an answer, or its outcome. */
export interface InsurerLine {
  insurer: string;
  displayName: string;
  /** When the request was sent (ms since epoch) while waiting. */
  waitingSince: number | null;
  outcome: InsurerOutcome | null;
}

/** The order states are listed under the offers: what needs the agent first. */
const STATE_ORDER: Record<string, number> = { rejected: 0, failed: 1, timedOut: 2, notEnabled: 3 };

/** "Cere oferte" / "Recotează tot" on Oferte: the key that asks for offers from Verificare. */
export const ASK: Shortcut = { code: "Enter", primary: true };
/**
 * "Alege" for the selected offer: Alt+Enter (⌥↩ on macOS). Enter on an offer's line opens its
 * details (issue 12) and Ctrl+Enter asks for offers on every step, so choosing is the third
 * Enter. Alt+Enter is no browser shortcut in WebView2, WKWebView or WebKitGTK, and no OS one
 * in a window without a menu bar; ↑/↓ pick the offer first.
 */
export const CHOOSE: Shortcut = { code: "Enter", alt: true };
/**
 * "Emite polița": the same Alt+Enter, pressed again on the offer just chosen. Choosing and then
 * issuing is the step's one line of work, so its main key follows it; the payment dialog then
 * asks for a confirmation before anything is sent.
 */
export const ISSUE: Shortcut = CHOOSE;

/** A row's identity: offer ids are the API's, and two insurers (or two sandboxes in a row) may repeat one. */
export const rowKey = (row: ComparedOffer) => `${row.offer.insurer}:${row.offer.offerId}`;

export class OfferComparison {
  /** The draft this comparison belongs to. */
  draftId = $state<number | null>(null);
  variants = $state<InsurerVariants[]>([]);
  identifying = $state(false);
  /** The variants came from the draft's cache (no API call). */
  fromCache = $state(false);
  /** Why the vehicle could not be identified; worded when shown. */
  identifyError = $state<Sentence | null>(null);
  /** Field messages when the vehicle data cannot be identified (request paths). */
  identifyFields = $state<Record<string, Message[]>>({});
  lines = $state<InsurerLine[]>([]);
  /** Insurers a stopped batch left without an answer (the app was closed mid-batch). */
  unanswered = $state<InsurerRef[]>([]);
  quotedAt = $state<string | null>(null);
  /** Why the batch could not run; worded when shown. */
  quoteError = $state<Sentence | null>(null);
  /** The enabled insurers, asked by "Cere oferte" (loaded when Oferte opens). */
  insurers = $state<InsurerRef[]>([]);
  /** Oferte has opened the comparison and identified the vehicle: the batch may start. */
  ready = $state(false);
  /** The row the keyboard and the bottom bar's "Alege" act on (its `rowKey`). */
  selected = $state<string | null>(null);
  /** The offer the agent chose; pinned at the top of the rows. */
  chosen = $state<ComparedOffer | null>(null);
  filter = $state<ComparisonFilter>({ installments: null, currency: null, sort: "premiumAsc" });
  rows = $state<ComparedOffer[]>([]);
  /** The payment dialog of "Emite polița", while it is open. */
  issueForm = $state<IssueForm | null>(null);
  /** The proposal dialog is open. */
  proposalOpen = $state(false);
  /** Ticks every second while someone is waited for, for the timers. */
  now = $state(Date.now());
  private ticker: ReturnType<typeof setInterval> | undefined;
  private arrangeSeq = 0;
  /** The draft's offer, policy and proposal PDFs. */
  readonly documents: DraftDocuments;
  /** Where the draft's issued offers stand. */
  readonly issues: PolicyIssues;

  constructor(private readonly backend: Backend) {
    this.documents = new DraftDocuments(backend);
    this.issues = new PolicyIssues(backend);
  }

  get waiting(): boolean {
    return this.lines.some((l) => l.waitingSince !== null);
  }

  /** Lines without offers, after the offer rows: waiting first, then what needs the agent. */
  get others(): InsurerLine[] {
    return this.lines
      .filter((l) => l.outcome?.state.kind !== "offers")
      .sort((a, b) => {
        const rank = (l: InsurerLine) => (l.outcome ? (STATE_ORDER[l.outcome.state.kind] ?? 9) : -1);
        return rank(a) - rank(b) || compareText(a.displayName, b.displayName);
      });
  }

  /** The line of `insurer`, for its status chip next to its offers. */
  line(insurer: string): InsurerLine | undefined {
    return this.lines.find((l) => l.insurer === insurer);
  }

  /** Opens the comparison saved for `draftId` (no API call); keeps a batch already running for it. */
  async open(draftId: number): Promise<void> {
    // Waiting lines are lines too: a batch still running keeps its comparison.
    if (this.draftId === draftId && this.lines.length > 0) return;
    this.reset(draftId);
    void this.documents.refresh();
    const [saved] = await Promise.all([this.backend.savedComparison(draftId), this.issues.load(draftId)]);
    if (this.draftId !== draftId) return;
    this.lines = saved.outcomes.map((o) => ({ insurer: o.insurer, displayName: o.displayName, waitingSince: null, outcome: o }));
    this.unanswered = saved.unanswered;
    this.quotedAt = saved.quotedAt;
    await this.arrange();
  }

  /** Forgets everything (another draft was opened). */
  reset(draftId: number | null): void {
    this.draftId = draftId;
    this.variants = [];
    this.identifyError = null;
    this.identifyFields = {};
    this.lines = [];
    this.unanswered = [];
    this.quotedAt = null;
    this.quoteError = null;
    this.rows = [];
    this.ready = false;
    this.selected = null;
    this.chosen = null;
    this.documents.reset(draftId);
    this.issues.reset(draftId);
    this.closeIssue();
    this.proposalOpen = false;
  }

  /** Opens the payment dialog for `row` when it may be issued now; false when it may not. */
  startIssue(row: ComparedOffer, wizard: QuoteWizard, lang: () => Lang): boolean {
    if (this.draftId === null || this.issueForm !== null || !this.mayIssue(row, wizard)) return false;
    const form = new IssueForm(this.backend, this.draftId, row, this.issues, this.documents, lang);
    this.issueForm = form;
    void form.load();
    return true;
  }

  /** Closes the payment dialog (never while its call runs: the dialog keeps it open). */
  closeIssue(): void {
    this.issueForm?.dispose();
    this.issueForm = null;
  }

  /** The row of the offer the draft's policy was issued from, if any. */
  readonly issuedRow: ComparedOffer | null = $derived.by(() => {
    const issued = this.issues.issued;
    return issued ? (this.rows.find((r) => r.offer.offerId === issued.offerId && r.offer.insurer === issued.insurer) ?? null) : null;
  });

  /** The offer rows as shown: the issued (else the chosen) offer pinned at the top, then Rust's order. */
  readonly ordered: ComparedOffer[] = $derived.by(() => {
    const pinned = this.issuedRow ?? this.chosen;
    const key = pinned ? rowKey(pinned) : null;
    return [...this.rows.filter((r) => rowKey(r) === key), ...this.rows.filter((r) => rowKey(r) !== key)];
  });

  /** The row ↑/↓ and "Alege" act on: the one selected, else the first. */
  readonly selectedRow: ComparedOffer | null = $derived(
    this.ordered.find((r) => rowKey(r) === this.selected) ?? this.ordered[0] ?? null,
  );

  /** Moves the selection `delta` rows, staying within the rows; returns the row selected. */
  move(delta: number): ComparedOffer | null {
    const rows = this.ordered;
    if (rows.length === 0) return null;
    const at = this.selectedRow ? rows.indexOf(this.selectedRow) : 0;
    const next = rows[Math.min(rows.length - 1, Math.max(0, at + delta))]!;
    this.selected = rowKey(next);
    return next;
  }

  /** Why `row` cannot be chosen now, or null when it can (see `refusal`). */
  refusalOf(row: ComparedOffer, wizard: QuoteWizard): Refusal | null {
    const insurer = row.offer.insurer;
    // Once a policy is issued, or may have been, from this draft nothing else is chosen here.
    if (this.issues.issued !== null) return "issued";
    if (this.issues.unconfirmed.length > 0) return "unconfirmed";
    return refusal(row.offer, {
      current: wizard.isCurrent(insurer),
      stale: wizard.stale.has(insurer),
      waiting: this.line(insurer)?.waitingSince != null,
    });
  }

  /** Chooses `row` when it can be chosen; returns whether it was. */
  choose(row: ComparedOffer, wizard: QuoteWizard): boolean {
    if (this.refusalOf(row, wizard) !== null) return false;
    this.chosen = row;
    this.selected = rowKey(row);
    return true;
  }

  /** Whether "Cere oferte" / "Recotează tot" can run now. */
  canAsk(wizard: QuoteWizard): boolean {
    // While an issue waits for "Verifică", a new quote would replace the offer it sent.
    const unconfirmed = this.issues.unconfirmed.length > 0;
    return this.ready && wizard.canQuote && !this.waiting && !this.identifying && !unconfirmed;
  }

  /**
   * Whether "Emite polița" may start for `row`: it is the chosen offer, current and unexpired
   * (Alege's own checks), and no policy was issued, or may have been, from this draft.
   */
  mayIssue(row: ComparedOffer, wizard: QuoteWizard): boolean {
    return this.chosen !== null && rowKey(this.chosen) === rowKey(row) && this.refusalOf(row, wizard) === null;
  }

  /**
   * Oferte opens: the draft is saved (the calls attach to a stored draft), its comparison
   * reopened (no API call), the insurers listed and the vehicle identified (the draft's cache
   * answers when the vehicle is unchanged, and a changed vehicle is identified again). When
   * "Cere oferte" on Verificare asked for it, every insurer is then quoted, once.
   */
  async prepare(wizard: QuoteWizard): Promise<void> {
    await wizard.save();
    const id = wizard.id;
    if (id === null) return;
    await this.open(id);
    // A comparison already open keeps its lines; what was issued or saved since is read again.
    await this.issues.load(id);
    void this.documents.refresh();
    // An issued draft is read-only: nothing is identified or quoted for it any more.
    if (wizard.readOnly || this.draftId !== id) return;
    this.insurers = (await this.backend.listInsurers()).map((i) => ({ insurer: i.key, displayName: i.name }));
    // Ready only once the variants are known: the batch must not start between opening and
    // the identification starting.
    try {
      await this.identifyFor(wizard, id);
    } finally {
      if (this.draftId === id) this.ready = true;
    }
    if (!wizard.quoteOnOpen || this.draftId !== id) return;
    wizard.quoteOnOpen = false;
    // The identifiers just chosen are part of the request: check the draft with them first.
    await wizard.validate();
    if (this.identifyError === null && this.canAsk(wizard)) await this.ask(wizard, null);
  }

  /** Identifies the vehicle again (after a failure); the draft is saved first. */
  async reidentify(wizard: QuoteWizard): Promise<void> {
    await wizard.save();
    if (wizard.id !== null) await this.identifyFor(wizard, wizard.id);
  }

  private async identifyFor(wizard: QuoteWizard, id: number): Promise<void> {
    if (!wizard.draft) return;
    const chosen = await this.identify(id, $state.snapshot(wizard.draft) as QuoteDraft);
    if (chosen && wizard.draft && JSON.stringify(chosen) !== JSON.stringify(wizard.draft.vehicle.identifiers)) {
      wizard.set("vehicle.identifiers", "vehicle.identifiers", chosen);
    }
  }

  /**
   * Asks `only` (every enabled insurer when null) for offers on the draft as the agent sees it
   * now, then checks the draft again: the stored requests changed, so `wizard.stale` does too.
   */
  async ask(wizard: QuoteWizard, only: string[] | null): Promise<void> {
    if (!wizard.draft) return;
    // The snapshot is taken now, the id once the save lands: what the agent sees is what is quoted.
    const draft = $state.snapshot(wizard.draft) as QuoteDraft;
    const id = wizard.save().then(() => wizard.id);
    await this.quote(id, draft, this.insurers, only);
    await wizard.validate();
  }

  /**
   * Asks for the vehicle's variants (the draft's cache answers when the vehicle is unchanged)
   * and returns, per insurer, the identifier to preselect: the one already chosen when it is
   * still offered, otherwise the closest variant.
   */
  async identify(draftId: number, draft: QuoteDraft): Promise<Record<string, string> | null> {
    this.identifying = true;
    this.identifyError = null;
    this.identifyFields = {};
    try {
      const found = await this.backend.identifyQuoteVehicle(draftId, draft);
      this.variants = found.insurers;
      this.fromCache = found.fromCache;
      const chosen: Record<string, string> = {};
      for (const entry of found.insurers) {
        const kept = draft.vehicle.identifiers[entry.insurer];
        const ids = entry.variants.map((v) => v.identifier);
        if (kept && ids.includes(kept)) chosen[entry.insurer] = kept;
        else if (entry.closest !== null && entry.variants[entry.closest]) chosen[entry.insurer] = entry.variants[entry.closest]!.identifier;
      }
      return chosen;
    } catch (e) {
      this.identifyError = problem(e);
      this.identifyFields = fieldProblems(e);
      return null;
    } finally {
      this.identifying = false;
    }
  }

  /**
   * Quotes `insurers` (every enabled one when `only` is null) for the draft `draftId` names
   * (or will, once saved). Their lines wait with a timer;
   * each outcome replaces its line as it arrives, the others stay as they were. Once another
   * draft is shown (reset), what the batch still answers is no longer this comparison's.
   */
  async quote(
    draftId: number | Promise<number | null>,
    draft: QuoteDraft,
    insurers: InsurerRef[],
    only: string[] | null,
  ): Promise<void> {
    const owner = this.draftId;
    const shown = () => this.draftId === owner;
    const asked = only === null ? insurers : insurers.filter((i) => only.includes(i.insurer));
    const started = Date.now();
    const keep = this.lines.filter((l) => !asked.some((a) => a.insurer === l.insurer));
    this.lines = [...keep, ...asked.map((a) => ({ ...a, waitingSince: started, outcome: null }))];
    this.unanswered = this.unanswered.filter((u) => !asked.some((a) => a.insurer === u.insurer));
    this.quoteError = null;
    // A chosen offer of an insurer asked again is replaced by the new answer: choose again.
    if (this.chosen && asked.some((a) => a.insurer === this.chosen!.offer.insurer)) this.chosen = null;
    this.quotedAt = new Date(started).toISOString();
    this.startTicker();
    await this.arrange();
    try {
      // The lines wait from the click; the draft's id may still be on its way (first save).
      const id = await draftId;
      // Not saved (the header says why): nothing is sent, the lines stop waiting below.
      if (id === null) return;
      await this.backend.quoteOffers(id, draft, only, (outcome) => {
        if (shown()) this.settle(outcome);
      });
    } catch (e) {
      if (shown()) this.quoteError = problem(e);
    } finally {
      // The lines of this batch the command did not answer for (it failed before sending, or
      // the draft was not saved) are dropped; lines with an outcome or another batch's stay.
      if (shown()) this.lines = this.lines.filter((l) => l.outcome !== null || (l.waitingSince !== null && l.waitingSince !== started));
      this.stopTickerIfIdle();
    }
  }

  private settle(outcome: InsurerOutcome): void {
    const rest = this.lines.filter((l) => l.insurer !== outcome.insurer);
    this.lines = [...rest, { insurer: outcome.insurer, displayName: outcome.displayName, waitingSince: null, outcome }];
    this.stopTickerIfIdle();
    void this.arrange();
  }

  /** Changes the filters or the sort order. */
  async setFilter(filter: Partial<ComparisonFilter>): Promise<void> {
    this.filter = { ...this.filter, ...filter };
    await this.arrange();
  }

  /** Recomputes the offer rows (Rust sorts and marks the cheapest); a late answer never wins. */
  async arrange(): Promise<void> {
    const mine = ++this.arrangeSeq;
    const outcomes = this.lines.flatMap((l) => (l.outcome ? [$state.snapshot(l.outcome) as InsurerOutcome] : []));
    const rows = await this.backend.compareOffers(outcomes, $state.snapshot(this.filter) as ComparisonFilter);
    if (mine === this.arrangeSeq) this.rows = rows;
  }

  /** Seconds the line has been waiting for. */
  elapsed(line: InsurerLine): number {
    return line.waitingSince === null ? 0 : Math.max(0, Math.floor((this.now - line.waitingSince) / 1000));
  }

  private startTicker(): void {
    this.now = Date.now();
    if (this.ticker === undefined) this.ticker = setInterval(() => (this.now = Date.now()), 1000);
  }

  private stopTickerIfIdle(): void {
    if (!this.waiting && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
