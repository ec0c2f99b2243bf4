import type {
  AgencyLogo,
  AppError,
  ConnectionStatus,
  ErrorCode,
  InsurerView,
  Settings,
} from "../bindings";

export type { AgencyLogo, AppError, ConnectionStatus, ErrorCode, InsurerView, Settings };

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
}
