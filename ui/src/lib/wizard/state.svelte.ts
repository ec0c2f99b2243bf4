// The quote wizard's state: the draft being typed, its checks (debounced through the Rust
// validator), its autosave (debounced; the first save creates the draft's id) and the step.

import type { Backend, DraftRecord, InsurerGap, Message, QuoteDraft, WizardStep } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";
import { compareText, formatDate } from "../format";
import { policyName } from "../offers/issues.svelte";
import { OfferComparison } from "../offers/state.svelte";
import { ALL_FIELDS, STEPS, getAt, setAt, shownStep, stepOf, type Step } from "./fields";

export interface Timing {
  validateMs: number;
  saveMs: number;
}

/** One line of the review's "to fix" list. */
export interface Missing {
  path: string;
  step: Step;
  messages: Message[];
}

const stepIndex = (s: WizardStep) => STEPS.indexOf(shownStep(s));
// Screen order of the request paths, so the review lists problems as the agent meets them.
const ORDER = new Map(ALL_FIELDS.map((f, i) => [f.path, i]));

export class QuoteWizard {
  draft = $state<QuoteDraft | null>(null);
  id = $state<number | null>(null);
  /** All messages from the last check, by request path. */
  errors = $state<Record<string, Message[]>>({});
  gaps = $state<InsurerGap[]>([]);
  /** Warnings from the last check that do not block quoting (a sum far from the catalogues). */
  warnings = $state<Record<string, Message[]>>({});
  /** Insurers whose stored offers were priced for a request the draft no longer makes. */
  stale = $state<Set<string>>(new Set());
  /** Set by "Cere oferte" on Verificare: Oferte asks every insurer once the vehicle is identified. */
  quoteOnOpen = $state(false);
  /** Paths the agent changed: their messages show at once, others once the step is passed. */
  touched = $state<Set<string>>(new Set());
  /** Request paths the draft's shape requires (from the Rust checks), marked with an asterisk. */
  required = $state<Set<string>>(new Set());
  /** Furthest step reached: fields of earlier steps show their messages. */
  reached = $state<Step>("policyholder");
  /** The last open draft, offered on start until the agent answers. */
  resume = $state<DraftRecord | null>(null);
  checking = $state(false);
  checked = $state(false);
  saving = $state(false);
  /** An edit waits for its debounced save: the indicator must not claim it is saved yet. */
  unsaved = $state(false);
  savedAt = $state<Date | null>(null);
  /** Why the last save failed; worded when shown. */
  saveError = $state<Sentence | null>(null);
  /** The draft was quoted or discarded elsewhere: autosave stopped. */
  closed = $state(false);
  /** "GRP 100045" when the stored draft had a policy issued from it (DraftSummary.policy). */
  issuedPolicy = $state<string | null>(null);
  /** Why "Copiază într-o ciornă nouă" failed. */
  copyError = $state<Sentence | null>(null);
  /** Bumped when the draft is replaced, so pickers remount with the new values. */
  generation = $state(0);
  /** Oferte: identification and the comparison of the draft open here. */
  readonly offers: OfferComparison;
  /** Birth date and sex filled in from the CNP, per party, so a changed CNP updates them. */
  private prefilled = new Map<string, { birthdate: string; gender: string | null }>();

  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saveChain: Promise<void> = Promise.resolve();
  private checkSeq = 0;

  constructor(
    readonly backend: Backend,
    private timing: Timing = { validateMs: 300, saveMs: 400 },
  ) {
    this.offers = new OfferComparison(backend);
  }

  /** On start: offer the last open draft, or begin a fresh one. */
  async start(): Promise<void> {
    const last = await this.backend.lastOpenQuoteDraft().catch(() => null);
    if (last) this.resume = last;
    else await this.startNew();
  }

  /** A new quote: a new draft (saved on the first change). */
  async startNew(): Promise<void> {
    await this.flush();
    this.load(await this.backend.newQuoteDraft(), null);
    this.touched = new Set();
    this.reached = "policyholder";
    // Messages show only for touched fields; the run is for the required-field markers.
    void this.validate();
  }

  /** Continues a stored draft where the agent left it. */
  open(record: DraftRecord): void {
    this.load(record.draft, record.summary.id);
    this.issuedPolicy = record.summary.policy;
    this.reached = this.step;
    void this.validate();
    // The header says whether offers exist and are current on every step, not only on Oferte.
    void this.offers.open(record.summary.id).catch(() => undefined);
  }

  /** Opens a draft by id (from Ciorne). */
  async openId(id: number): Promise<boolean> {
    await this.flush();
    const record = await this.backend.loadQuoteDraft(id);
    if (!record || record.status !== "open") return false;
    this.open(record);
    return true;
  }

  private load(draft: QuoteDraft, id: number | null): void {
    clearTimeout(this.validateTimer);
    clearTimeout(this.saveTimer);
    // A draft stored on the old Utilizator step opens where the user block is now.
    draft.step = shownStep(draft.step);
    this.draft = draft;
    this.id = id;
    this.errors = {};
    this.gaps = [];
    this.required = new Set();
    this.checked = false;
    this.closed = false;
    this.saveError = null;
    this.savedAt = null;
    this.unsaved = false;
    this.resume = null;
    this.issuedPolicy = null;
    this.copyError = null;
    this.prefilled.clear();
    this.offers.reset(id);
    this.generation++;
  }

  get step(): Step {
    return shownStep(this.draft?.step ?? "policyholder");
  }

  get(draftPath: string): unknown {
    return getAt(this.draft, draftPath);
  }

  /**
   * The policy issued from this draft ("GRP 100045"), from the store or from an issue made in
   * this session; the draft is then read-only.
   */
  get policy(): string | null {
    const issued = this.offers.issues.issued;
    return issued ? policyName(issued.state.policy) : this.issuedPolicy;
  }

  /** What was sold is never changed: an issued draft takes no edits and saves nothing. */
  get readOnly(): boolean {
    return this.policy !== null;
  }

  /** "Copiază într-o ciornă nouă": the issued draft's data in a new open draft, opened at step 1. */
  async copyToNewDraft(): Promise<boolean> {
    if (this.id === null) return false;
    this.copyError = null;
    try {
      const copy = await this.backend.copyQuoteDraft(this.id);
      return copy !== null && (await this.openId(copy));
    } catch (e) {
      this.copyError = problem(e);
      return false;
    }
  }

  /** Records a change: the field's messages show from now on; check and save follow. */
  set(path: string, draftPath: string, value: unknown): void {
    if (!this.draft || this.readOnly) return;
    setAt(this.draft, draftPath, value);
    this.touch(path);
    if (path.endsWith(".taxId")) void this.prefillFromCnp(draftPath.replace(/\.taxId$/, ""), String(value));
    this.changed();
  }

  /** Several draft fields changed together (a county and its cleared locality). */
  setMany(path: string, changes: [string, unknown][]): void {
    if (!this.draft || this.readOnly) return;
    for (const [p, value] of changes) setAt(this.draft, p, value);
    this.touch(path);
    this.changed();
  }

  /** Marks `path` as changed by the agent (a new set only when it is new, so readers rerun once). */
  private touch(path: string): void {
    if (!this.touched.has(path)) this.touched = new Set(this.touched).add(path);
  }

  /** Fills birth date and sex from a valid CNP, unless the agent typed other values. */
  private async prefillFromCnp(partyPath: string, cnp: string): Promise<void> {
    const party = getAt(this.draft, partyPath) as QuoteDraft["policyholder"] | undefined;
    if (!party || party.kind !== "person" || cnp.trim().length !== 13) return;
    const facts = await this.backend.cnpPrefill(cnp).catch(() => null);
    if (!facts || !this.draft || party.taxId !== cnp) return;
    const before = this.prefilled.get(partyPath);
    const ours = (field: "birthdate" | "gender", now: string | null) =>
      now === "" || now === null || (before !== undefined && before[field] === now);
    const birthdate = facts.birthdate ? formatDate(facts.birthdate) : party.birthdate;
    if (facts.birthdate && ours("birthdate", party.birthdate)) party.birthdate = birthdate;
    if (facts.gender && ours("gender", party.gender)) party.gender = facts.gender;
    this.prefilled.set(partyPath, { birthdate: party.birthdate, gender: party.gender });
    this.changed();
  }

  /** Whether a field's birth date / sex came from the CNP (shown as a hint). */
  isPrefilled(partyPath: string, field: "birthdate" | "gender"): boolean {
    const p = this.prefilled.get(partyPath);
    const party = getAt(this.draft, partyPath) as QuoteDraft["policyholder"] | undefined;
    return p !== undefined && party !== undefined && party[field] !== "" && p[field] === party[field];
  }

  private changed(): void {
    // Moving between the steps of an issued draft is reading it: nothing to check or save.
    if (this.readOnly) return;
    this.checked = false;
    this.unsaved = true;
    clearTimeout(this.validateTimer);
    clearTimeout(this.saveTimer);
    this.validateTimer = setTimeout(() => void this.validate(), this.timing.validateMs);
    this.saveTimer = setTimeout(() => void this.save(), this.timing.saveMs);
  }

  /** Runs the Rust checks on the draft as it is now; an older answer never overwrites a newer one. */
  async validate(): Promise<void> {
    if (!this.draft) return;
    clearTimeout(this.validateTimer);
    const mine = ++this.checkSeq;
    this.checking = true;
    try {
      const check = await this.backend.validateQuoteDraft(this.id, $state.snapshot(this.draft) as QuoteDraft);
      if (mine !== this.checkSeq) return;
      this.errors = check.fields as Record<string, Message[]>;
      this.gaps = check.insurerGaps;
      this.required = new Set(check.required);
      this.warnings = check.warnings as Record<string, Message[]>;
      this.stale = new Set(check.stale);
      this.checked = true;
    } finally {
      if (mine === this.checkSeq) this.checking = false;
    }
  }

  /** Saves now; saves run one after another so the first one's new id is used by the next. */
  save(): Promise<void> {
    clearTimeout(this.saveTimer);
    if (!this.draft || this.closed || this.readOnly) return this.saveChain;
    const snapshot = $state.snapshot(this.draft) as QuoteDraft;
    this.unsaved = false;
    this.saveChain = this.saveChain.then(async () => {
      if (this.closed || this.draft === null) return;
      this.saving = true;
      try {
        const existing = this.id;
        const id = await this.backend.saveQuoteDraft(existing, snapshot);
        if (id === null) this.closed = true;
        else {
          this.id = id;
          this.savedAt = new Date();
          this.saveError = null;
        }
      } catch (e) {
        this.saveError = problem(e);
      } finally {
        this.saving = false;
      }
    });
    return this.saveChain;
  }

  /** Runs a pending save at once (before switching drafts or in tests). */
  async flush(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    await this.saveChain;
  }

  goTo(target: WizardStep): void {
    const step = shownStep(target);
    if (!this.draft || this.draft.step === step) return;
    this.draft.step = step;
    if (stepIndex(step) > stepIndex(this.reached)) this.reached = step;
    this.changed();
    // Reaching the review or the offers checks at once (validate() drops the debounced run).
    if (step === "review" || step === "offers") void this.validate();
  }

  next(): void {
    const i = stepIndex(this.step);
    if (i < STEPS.length - 1) this.goTo(STEPS[i + 1]!);
  }

  back(): void {
    const i = stepIndex(this.step);
    if (i > 0) this.goTo(STEPS[i - 1]!);
  }

  /** The messages to show under a field now. */
  messagesFor(path: string): Message[] {
    const list = this.errors[path];
    if (!list || list.length === 0) return [];
    const passed = stepIndex(stepOf(path)) < stepIndex(this.reached) || this.step === "review" || this.step === "offers";
    return this.touched.has(path) || passed ? list : [];
  }

  /** Every problem, in screen order, for the review. */
  readonly missing: Missing[] = $derived.by(() =>
    Object.entries(this.errors)
      .filter(([, m]) => m.length > 0)
      .map(([path, messages]) => ({ path, step: stepOf(path), messages }))
      .sort(
        (a, b) =>
          stepIndex(a.step) - stepIndex(b.step) ||
          (ORDER.get(a.path) ?? 1e6) - (ORDER.get(b.path) ?? 1e6) ||
          compareText(a.path, b.path),
      ),
  );

  /**
   * Whether the stored offer of `insurer` answers the draft as it is now. False while an edit
   * waits for its check: an offer is never sold on a request that may have changed.
   */
  isCurrent(insurer: string): boolean {
    return this.checked && !this.stale.has(insurer);
  }

  /** "Cere oferte" is enabled only when the last check, of the current draft, found nothing. */
  get canQuote(): boolean {
    return this.checked && !this.checking && this.missing.length === 0 && !this.readOnly;
  }

  /**
   * "Cere oferte" on Verificare: Oferte opens and asks every insurer by itself once the vehicle
   * is identified (it resets `quoteOnOpen`). Does nothing while the draft cannot be quoted.
   */
  askForOffers(): boolean {
    if (!this.canQuote) return false;
    this.quoteOnOpen = true;
    this.goTo("offers");
    return true;
  }

  /** The insurers that require the field at `path` while it is empty (Verificare groups them). */
  gapsFor(path: string): InsurerGap[] {
    return this.gaps.filter((g) => g.path === path);
  }

  /** Whether the draft has a comparison (offers or insurers' answers) to go back to. */
  get hasOffers(): boolean {
    return this.offers.lines.length > 0;
  }

  /**
   * Whether the offers on record still answer the draft: "none" before any, "waiting" while a
   * batch runs, "stale" once a check found insurers whose offers were priced for other data.
   */
  get offersState(): "none" | "waiting" | "current" | "stale" {
    if (this.offers.waiting) return "waiting";
    const priced = this.offers.lines.filter((l) => l.outcome?.state.kind === "offers");
    if (priced.length === 0) return "none";
    return priced.some((l) => this.stale.has(l.insurer)) ? "stale" : "current";
  }
}
