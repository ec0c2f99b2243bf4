import { CommandError, type AgencyLogo, type AppError, type Backend, type Settings } from "./types";

/** Default settings, mirroring `Settings::default()` in casco-core. */
export function defaultSettings(): Settings {
  return {
    environment: { kind: "demo", customUrl: "" },
    agency: { name: "", brokerCode: "", address: "", phone: "", email: "", logoFile: null },
    defaults: { currency: "RON", installments: 1, termMonths: 12 },
    language: "ro",
  };
}

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
}
