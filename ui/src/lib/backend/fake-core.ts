// The fake backend's first half: settings, the session, insurers, reference data, drafts and
// comparisons. `FakeBackend` (fake.ts) adds documents, issuing, the diagnostic log and the book.
import {
  CommandError,
  type AgencyLogo,
  type AppError,
  type ConnectionStatus,
  type Country,
  type County,
  type CnpPrefill,
  type DraftRecord,
  type DraftSummary,
  type QuoteCheck,
  type QuoteDraft,
  type InsurerView,
  type Locality,
  type ReferenceStatus,
  type Settings,
  type SyncProgress,
  type SyncSummary,
  type VehicleMake,
  type VehicleModel,
  type VehicleIdentification,
  type InsurerOutcome,
  type ListKind,
  type Message,
  type SavedComparison,
  type ComparisonFilter,
  type ComparedOffer,
} from "./types";
import {
  emptyDraft,
  defaultSettings,
  FAKE_COUNTIES,
  FAKE_COUNTRIES,
  FAKE_INSURERS,
  FAKE_LOCALITIES,
  FAKE_MODELS,
  matches,
} from "./fake-data";


/** The part of the in-memory backend that documents, issuing and the book build on. */
export abstract class FakeCore {
  /** The policy issued from draft `id` ("series number"), or null: issuing lives in FakeBackend. */
  protected abstract policyOf(id: number): string | null;

  stored: Settings = defaultSettings();
  saves: Settings[] = [];
  reject: ((s: Settings) => AppError | null) | null = null;
  logos = new Map<string, AgencyLogo>();
  nextPickedLogo: AgencyLogo | null = null;

  async getSettings(): Promise<Settings> {
    return structuredClone(this.stored);
  }

  async saveSettings(settings: Settings): Promise<Settings> {
    this.saves.push(structuredClone(settings));
    const error = this.reject?.(settings);
    if (error) throw new CommandError(error);
    this.stored = structuredClone(settings);
    return structuredClone(settings);
  }

  async chooseAgencyLogo(): Promise<AgencyLogo | null> {
    if (this.nextPickedLogo) this.logos.set(this.nextPickedLogo.file, this.nextPickedLogo);
    return this.nextPickedLogo;
  }

  async agencyLogo(file: string): Promise<AgencyLogo | null> {
    return this.logos.get(file) ?? null;
  }

  /** Accounts the fake API accepts (account → password). */
  accounts = new Map([["demo", "demo"]]);
  /** Accounts the vendor locked: even the right password is refused (the API's 403). */
  locked = new Set<string>();
  session: { account: string; remembered: boolean } | null = null;
  credentials = new Map<string, string>();

  protected status(notice: Message | null = null): ConnectionStatus {
    const env = this.stored.environment;
    return {
      environment: env.kind,
      baseUrl: env.kind === "custom" ? env.customUrl : "http://127.0.0.1:8457",
      account: this.session?.account ?? null,
      loggedIn: this.session !== null,
      remembered: this.session?.remembered ?? false,
      notice,
    };
  }

  async connect(): Promise<ConnectionStatus> {
    if (this.stored.environment.kind === "demo") this.session = { account: "demo", remembered: false };
    else if (!this.session?.remembered) this.session = null;
    return this.status();
  }

  async login(account: string, password: string, remember: boolean): Promise<ConnectionStatus> {
    if (!this.online) throw new CommandError({ code: "network", message: { code: "cannotConnect" } });
    if (this.locked.has(account)) {
      const message: Message = { code: "accountLocked" };
      throw new CommandError({ code: "auth", message, fields: { account: [message] } });
    }
    if (this.accounts.get(account) !== password) {
      const message: Message = { code: "wrongCredentials" };
      throw new CommandError({ code: "auth", message, fields: { password: [message] } });
    }
    this.session = { account, remembered: remember };
    return this.status();
  }

  async logout(): Promise<ConnectionStatus> {
    this.session = null;
    return this.status();
  }

  async listInsurers(): Promise<InsurerView[]> {
    const demo = this.stored.environment.kind === "demo";
    return FAKE_INSURERS.map((i) => {
      const account = demo ? `demo-${i.key}` : (this.credentials.get(i.key) ?? null);
      return {
        ...i,
        enabled: !this.stored.disabledInsurers.includes(i.key),
        credentials: demo ? "demo" : account ? "saved" : "missing",
        account,
      };
    });
  }

  async setInsurerEnabled(insurer: string, enabled: boolean): Promise<InsurerView[]> {
    const rest = this.stored.disabledInsurers.filter((k) => k !== insurer);
    this.stored.disabledInsurers = enabled ? rest : [...rest, insurer].sort();
    return this.listInsurers();
  }

  async saveInsurerCredentials(insurer: string, account: string, password: string): Promise<InsurerView[]> {
    if (!account.trim() || !password) {
      const fields: Record<string, Message[]> = {};
      if (!account.trim()) fields.account = [{ code: "required" }];
      if (!password) fields.password = [{ code: "required" }];
      throw new CommandError({ code: "validation", message: { code: "fixHighlighted" }, fields });
    }
    this.credentials.set(insurer, account.trim());
    return this.listInsurers();
  }

  async forgetInsurerCredentials(insurer: string): Promise<InsurerView[]> {
    this.credentials.delete(insurer);
    return this.listInsurers();
  }

  synced = false;
  online = true;
  /** What `startNotices` reports (a store rebuilt, settings restored…). */
  notice: Message | null = null;

  async syncReferenceData(_force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncSummary> {
    if (!this.session) throw new CommandError({ code: "auth", message: { code: "notLoggedIn" } });
    const parts: [string, ListKind, string | null][] = [
      ["counties", "counties", null],
      ["localities:BV", "localities", "BRAŞOV"],
      ["localities:CJ", "localities", "CLUJ"],
      ["makes", "makes", null],
      ["models:DACIA", "models", "DACIA"],
    ];
    parts.forEach(([part, list, of], i) =>
      onProgress({ done: i + 1, total: parts.length, part, label: { code: "listLabel", list, of }, stage: "succeeded" }),
    );
    this.synced = true;
    return { env: "demo", succeeded: parts.map(([part]) => ({ part, rows: 1 })), failed: [], fresh: 0, notRun: [], cancelled: false };
  }

  async cancelReferenceSync(): Promise<boolean> {
    return false;
  }

  async referenceDataStatus(): Promise<ReferenceStatus> {
    const at = this.synced ? "2026-11-27T08:00:00Z" : null;
    const row = (kind: "countries" | "counties" | "localities" | "makes" | "models", rows: number) => ({
      kind,
      rows: this.synced ? rows : 0,
      parts: this.synced ? 1 : 0,
      failedParts: 0,
      syncedAt: at,
    });
    return {
      env: "demo",
      lists: [row("countries", 0), row("counties", 2), row("localities", 4), row("makes", 2), row("models", 3)],
      lastSync: at,
      neverSynced: !this.synced,
      syncing: false,
    };
  }

  async startNotices(): Promise<Message[]> {
    return this.notice ? [this.notice] : [];
  }

  async checkOnline(): Promise<boolean> {
    return this.online;
  }

  protected needSync(list: ListKind, of: string | null = null): void {
    if (!this.synced) throw new CommandError({ code: "not_found", message: { code: "listNeverSynced", list, of } });
  }

  async searchCountries(query: string): Promise<Country[]> {
    this.needSync("countries");
    return FAKE_COUNTRIES.filter((c) => matches(c.name, query) || c.iso2 === query.toUpperCase());
  }

  async searchCounties(query: string): Promise<County[]> {
    this.needSync("counties");
    return FAKE_COUNTIES.filter((c) => matches(c.name, query));
  }

  async searchLocalities(county: string, query: string): Promise<Locality[]> {
    this.needSync("localities", county);
    return FAKE_LOCALITIES.filter((l) => l.countyCode === county && matches(l.name, query));
  }

  async searchMakes(query: string): Promise<VehicleMake[]> {
    this.needSync("makes");
    return [...new Set(FAKE_MODELS.map((m) => m.make))].filter((m) => matches(m, query)).map((name) => ({ name }));
  }

  async searchModels(make: string, query: string): Promise<VehicleModel[]> {
    this.needSync("models", make);
    return FAKE_MODELS.filter((m) => m.make === make && matches(m.name, query));
  }

  // Drafts: an in-memory table. Validation is not re-implemented either: a test sets
  // `check` to the answer the Rust validator would give for the draft.
  drafts = new Map<number, DraftRecord & { status: "open" | "quoted" | "discarded" }>();
  draftSaves: { id: number | null; draft: QuoteDraft }[] = [];
  validations: QuoteDraft[] = [];
  check: (d: QuoteDraft) => QuoteCheck = () => ({ fields: {}, warnings: {}, insurerGaps: [], required: [], stale: [] });
  protected nextDraftId = 1;

  async newQuoteDraft(): Promise<QuoteDraft> {
    const d = emptyDraft();
    const defaults = this.stored.defaults;
    d.cover.currency = defaults.currency;
    d.cover.installments = defaults.installments;
    d.cover.termMonths = defaults.termMonths;
    return d;
  }

  async validateQuoteDraft(_id: number | null, draft: QuoteDraft): Promise<QuoteCheck> {
    this.validations.push(structuredClone(draft));
    return this.check(draft);
  }

  async cnpPrefill(cnp: string): Promise<CnpPrefill | null> {
    // Only the shape the tests use: a 13-digit code starting with 1/2 (1900s).
    const m = /^([12])(\d{2})(\d{2})(\d{2})\d{6}$/.exec(cnp.trim());
    return m ? { birthdate: `19${m[2]}-${m[3]}-${m[4]}`, gender: m[1] === "1" ? "m" : "f" } : null;
  }

  protected clientName(d: QuoteDraft): string {
    const p = d.policyholder;
    return p.kind === "company" ? p.businessName.trim() : [p.lastName.trim(), p.firstName.trim()].filter(Boolean).join(" ");
  }

  async saveQuoteDraft(id: number | null, draft: QuoteDraft): Promise<number | null> {
    this.draftSaves.push({ id, draft: structuredClone(draft) });
    const now = new Date().toISOString();
    if (id === null) {
      const newId = this.nextDraftId++;
      const summary: DraftSummary = {
        id: newId, clientName: this.clientName(draft), step: draft.step, createdAt: now, updatedAt: now,
        plate: draft.vehicle.plate.trim(), vehicle: `${draft.vehicle.make} ${draft.vehicle.model}`.trim(),
        bestPremium: null, bestUntil: null, policy: null,
      };
      this.drafts.set(newId, { summary, status: "open", draft: structuredClone(draft) });
      return newId;
    }
    const row = this.drafts.get(id);
    // What was sold is never changed afterwards (as `saved_drafts::save_draft`).
    if (!row || row.status !== "open" || this.policyOf(id) !== null) return null;
    row.summary = {
      ...row.summary, clientName: this.clientName(draft), step: draft.step, updatedAt: now,
      plate: draft.vehicle.plate.trim(), vehicle: `${draft.vehicle.make} ${draft.vehicle.model}`.trim(),
    };
    row.draft = structuredClone(draft);
    return id;
  }

  async loadQuoteDraft(id: number): Promise<DraftRecord | null> {
    const row = this.drafts.get(id);
    if (!row) return null;
    const record = structuredClone(row);
    record.summary.policy = this.policyOf(id);
    return record;
  }

  async listQuoteDrafts(): Promise<DraftSummary[]> {
    return [...this.drafts.values()]
      .filter((r) => r.status === "open")
      .map((r) => r.summary)
      .sort((a, b) => (a.updatedAt === b.updatedAt ? b.id - a.id : a.updatedAt < b.updatedAt ? 1 : -1));
  }

  async discardQuoteDraft(id: number): Promise<boolean> {
    const row = this.drafts.get(id);
    if (!row || row.status !== "open") return false;
    row.status = "discarded";
    return true;
  }
  async restoreQuoteDraft(id: number): Promise<boolean> {
    const row = this.drafts.get(id);
    if (!row || row.status !== "discarded") return false;
    row.status = "open";
    return true;
  }


  async lastOpenQuoteDraft(): Promise<DraftRecord | null> {
    const [first] = await this.listQuoteDrafts();
    return first ? this.loadQuoteDraft(first.id) : null;
  }

  /** What identification answers. */
  identification: VehicleIdentification = { insurers: [], fromCache: false };
  /** The outcome each insurer answers with, sent in this order; `quoteCalls` records `only`. */
  quoteAnswers: InsurerOutcome[] = [];
  quoteCalls: (string[] | null)[] = [];
  /** Saved comparisons by draft id. */
  saved = new Map<number, SavedComparison>();

  async identifyQuoteVehicle(_draftId: number, _draft: QuoteDraft): Promise<VehicleIdentification> {
    return structuredClone(this.identification);
  }

  async quoteOffers(
    _draftId: number,
    _draft: QuoteDraft,
    only: string[] | null,
    onOutcome: (o: InsurerOutcome) => void,
  ): Promise<InsurerOutcome[]> {
    this.quoteCalls.push(only);
    const answers = this.quoteAnswers.filter((o) => only === null || only.includes(o.insurer));
    for (const o of answers) {
      await Promise.resolve();
      onOutcome(structuredClone(o));
    }
    return structuredClone(answers);
  }

  async savedComparison(draftId: number): Promise<SavedComparison> {
    return structuredClone(this.saved.get(draftId) ?? { outcomes: [], unanswered: [], quotedAt: null });
  }

  /** The filters each `compareOffers` call was given, in order. */
  compareFilters: ComparisonFilter[] = [];

  /**
   * Every offer of the outcomes, in the order given, none marked cheapest: ranking, filtering
   * and the cheapest mark are Rust's (`casco_core::quote::comparison::arrange`, tested there).
   */
  async compareOffers(outcomes: InsurerOutcome[], filter: ComparisonFilter): Promise<ComparedOffer[]> {
    this.compareFilters.push(structuredClone(filter));
    return outcomes.flatMap((o) =>
      o.state.kind === "offers" ? o.state.offers.map((offer) => ({ offer: structuredClone(offer), displayName: o.displayName, cheapest: false })) : [],
    );
  }
}
