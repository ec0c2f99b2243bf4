import {
  CommandError,
  type AgencyLogo,
  type AppError,
  type Backend,
  type ConnectionStatus,
  type County,
  type InsurerView,
  type Locality,
  type ReferenceStatus,
  type Settings,
  type SyncProgress,
  type SyncSummary,
  type VehicleMake,
  type VehicleModel,
} from "./types";

/** Default settings, mirroring `Settings::default()` in casco-core. */
export function defaultSettings(): Settings {
  return {
    environment: { kind: "demo", customUrl: "" },
    agency: { name: "", brokerCode: "", address: "", phone: "", email: "", logoFile: null },
    defaults: { currency: "RON", installments: 1, termMonths: 12 },
    language: "ro",
    referenceData: { ttlDays: 7 },
    disabledInsurers: [],
  };
}

const FAKE_COUNTIES: County[] = [
  { code: "BV", name: "BRAŞOV", siruta: 83 },
  { code: "CJ", name: "CLUJ", siruta: 127 },
];
const FAKE_LOCALITIES: Locality[] = [
  { siruta: 54984, name: "CLUJ-NAPOCA", countyCode: "CJ", rank: 1 },
  { siruta: 55255, name: "DEJ", countyCode: "CJ", rank: 1 },
  { siruta: 57706, name: "FLOREŞTI", countyCode: "CJ", rank: 3 },
  { siruta: 40198, name: "BRAŞOV", countyCode: "BV", rank: 1 },
];
const FAKE_MODELS: VehicleModel[] = [
  { make: "DACIA", name: "LOGAN" },
  { make: "DACIA", name: "SANDERO" },
  { make: "SKODA", name: "OCTAVIA" },
];

/** Case and diacritics folding, enough for the fake's lists. */
const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const matches = (name: string, query: string) =>
  fold(query).split(/[\s-]+/).filter(Boolean).every((w) => fold(name).split(/[\s-]+/).some((n) => n.startsWith(w)));

const FAKE_INSURERS: Omit<InsurerView, "enabled" | "credentials" | "account">[] = [
  { key: "generali", name: "Generali", product: "casco", offerCurrency: "RON" },
  { key: "grawe", name: "Grawe", product: "casco", offerCurrency: "EUR" },
  { key: "groupama", name: "Groupama", product: "casco-leasing", offerCurrency: "RON" },
];

/**
 * In-memory backend for Vitest. It does not re-implement the Rust validators: a test sets
 * `reject` to decide which saves fail and with what error.
 */
export class FakeBackend implements Backend {
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
  session: { account: string; remembered: boolean } | null = null;
  credentials = new Map<string, string>();

  private status(notice: string | null = null): ConnectionStatus {
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
    if (this.accounts.get(account) !== password) {
      const message = "Contul sau parola nu sunt corecte.";
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
      const fields: Record<string, string[]> = {};
      if (!account.trim()) fields.account = ["Câmp obligatoriu."];
      if (!password) fields.password = ["Câmp obligatoriu."];
      throw new CommandError({ code: "validation", message: "Corectați câmpurile marcate.", fields });
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
  notice: string | null = null;

  async syncReferenceData(_force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncSummary> {
    if (!this.session) throw new CommandError({ code: "auth", message: "Nu sunteți autentificat." });
    const parts = ["counties", "localities:BV", "localities:CJ", "makes", "models:DACIA"];
    parts.forEach((part, i) =>
      onProgress({ done: i + 1, total: parts.length, part, label: part, stage: "succeeded" }),
    );
    this.synced = true;
    return { env: "demo", succeeded: parts.map((part) => ({ part, rows: 1 })), failed: [], fresh: 0, notRun: [], cancelled: false };
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

  async storeNotice(): Promise<string | null> {
    return this.notice;
  }

  async checkOnline(): Promise<boolean> {
    return this.online;
  }

  private needSync(what: string): void {
    if (!this.synced) {
      throw new CommandError({ code: "not_found", message: `${what} nu a fost încă descărcată.` });
    }
  }

  async searchCounties(query: string): Promise<County[]> {
    this.needSync("Lista de județe");
    return FAKE_COUNTIES.filter((c) => matches(c.name, query));
  }

  async searchLocalities(county: string, query: string): Promise<Locality[]> {
    this.needSync(`Lista de localități pentru județul ${county}`);
    return FAKE_LOCALITIES.filter((l) => l.countyCode === county && matches(l.name, query));
  }

  async searchMakes(query: string): Promise<VehicleMake[]> {
    this.needSync("Lista de mărci auto");
    return [...new Set(FAKE_MODELS.map((m) => m.make))].filter((m) => matches(m, query)).map((name) => ({ name }));
  }

  async searchModels(make: string, query: string): Promise<VehicleModel[]> {
    this.needSync(`Lista de modele pentru marca ${make}`);
    return FAKE_MODELS.filter((m) => m.make === make && matches(m.name, query));
  }
}
