import {
  CommandError,
  type AgencyLogo,
  type AppError,
  type Backend,
  type ConnectionStatus,
  type InsurerView,
  type Settings,
} from "./types";

/** Default settings, mirroring `Settings::default()` in casco-core. */
export function defaultSettings(): Settings {
  return {
    environment: { kind: "demo", customUrl: "" },
    agency: { name: "", brokerCode: "", address: "", phone: "", email: "", logoFile: null },
    defaults: { currency: "RON", installments: 1, termMonths: 12 },
    language: "ro",
    disabledInsurers: [],
  };
}

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
}
