import type {
  Country,
  AgencyLogo,
  AppError,
  ConnectionStatus,
  County,
  ErrorCode,
  InsurerView,
  Locality,
  ReferenceStatus,
  Settings,
  SyncProgress,
  SyncSummary,
  VehicleMake,
  VehicleModel,
  CnpPrefill,
  DraftRecord,
  DraftSummary,
  QuoteCheck,
  QuoteDraft,
  VehicleIdentification,
  InsurerOutcome,
  SavedComparison,
  ComparisonFilter,
  ComparedOffer,
} from "../bindings";

// Components import every IPC type from the backend, never from the bindings directly.
export type * from "../bindings";

/** Installment counts a policy may be paid in; mirrors `casco_core::settings::INSTALLMENT_CHOICES`. */
export const INSTALLMENT_CHOICES = [1, 2, 4, 12] as const;
/** Currencies a policy may be quoted in, as the forms and the comparison filter list them. */
export const CURRENCY_CHOICES = ["RON", "EUR"] as const;
/** Policy terms in months, longest first, as the forms list them. */
export const TERM_MONTH_CHOICES: number[] = Array.from({ length: 12 }, (_, i) => 12 - i);

/** A command failure in the app's one error shape; thrown by every backend method. */
export class CommandError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string[]>;

  constructor(error: AppError) {
    super(error.message);
    this.name = "CommandError";
    this.code = error.code;
    this.fields = (error.fields ?? {}) as Record<string, string[]>;
  }
}

/** Everything the UI asks of the Rust side. Components use this, never `invoke`. */
export interface Backend {
  getSettings(): Promise<Settings>;
  /** Validates and saves; throws a CommandError with `fields` when something is invalid. */
  saveSettings(settings: Settings): Promise<Settings>;
  /** Opens a file picker; `null` when cancelled. */
  chooseAgencyLogo(): Promise<AgencyLogo | null>;
  agencyLogo(file: string): Promise<AgencyLogo | null>;

  /** Makes the environment in the settings the one in force; Demo logs in by itself. */
  connect(): Promise<ConnectionStatus>;
  login(account: string, password: string, remember: boolean): Promise<ConnectionStatus>;
  logout(): Promise<ConnectionStatus>;

  listInsurers(): Promise<InsurerView[]>;
  setInsurerEnabled(insurer: string, enabled: boolean): Promise<InsurerView[]>;
  saveInsurerCredentials(insurer: string, account: string, password: string, code: string): Promise<InsurerView[]>;
  forgetInsurerCredentials(insurer: string): Promise<InsurerView[]>;

  /** Refreshes stale lists (all with `force`); `onProgress` gets every part as it finishes. */
  syncReferenceData(force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncSummary>;
  cancelReferenceSync(): Promise<boolean>;
  referenceDataStatus(): Promise<ReferenceStatus>;
  /** What start-up found that the agent must be told (settings restored, store rebuilt…). */
  startNotices(): Promise<string[]>;
  checkOnline(): Promise<boolean>;
  searchCountries(query: string): Promise<Country[]>;
  searchCounties(query: string): Promise<County[]>;
  searchLocalities(county: string, query: string): Promise<Locality[]>;
  searchMakes(query: string): Promise<VehicleMake[]>;
  searchModels(make: string, query: string): Promise<VehicleModel[]>;

  /** A fresh draft with the quote defaults from Setări. */
  newQuoteDraft(): Promise<QuoteDraft>;
  /** Field messages and insurer gaps for the draft as typed (today in Bucharest). */
  validateQuoteDraft(draft: QuoteDraft): Promise<QuoteCheck>;
  /** Birth date and sex from a valid CNP; `null` while it is not valid. */
  cnpPrefill(cnp: string): Promise<CnpPrefill | null>;
  /** Autosave: `null` id starts a draft; returns its id, or `null` if it is no longer open. */
  saveQuoteDraft(id: number | null, draft: QuoteDraft): Promise<number | null>;
  loadQuoteDraft(id: number): Promise<DraftRecord | null>;
  listQuoteDrafts(): Promise<DraftSummary[]>;
  discardQuoteDraft(id: number): Promise<boolean>;
  lastOpenQuoteDraft(): Promise<DraftRecord | null>;

  /** The vehicle's variants per enabled insurer; the draft's cache answers when unchanged. */
  identifyQuoteVehicle(draftId: number, draft: QuoteDraft): Promise<VehicleIdentification>;
  /** Saves the draft, quotes the enabled insurers (or `only`), streams each outcome. */
  quoteOffers(
    draftId: number,
    draft: QuoteDraft,
    only: string[] | null,
    onOutcome: (o: InsurerOutcome) => void,
  ): Promise<InsurerOutcome[]>;
  /** The draft's stored outcomes (no API call) and the insurers a stopped batch left unanswered. */
  savedComparison(draftId: number): Promise<SavedComparison>;
  /** Offer rows filtered and sorted, the cheapest marked. */
  compareOffers(outcomes: InsurerOutcome[], filter: ComparisonFilter): Promise<ComparedOffer[]>;
}
