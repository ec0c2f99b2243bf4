import type { AgencyLogo, AppError, ErrorCode, Settings } from "../bindings";

export type { AgencyLogo, AppError, ErrorCode, Settings };

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
}
