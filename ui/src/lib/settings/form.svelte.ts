import type { Backend, Message, Settings } from "../backend";
import { defaultSettings } from "../backend/fake";
import { fieldProblems, problem } from "../errors";
import { setLanguage, type Lang } from "../i18n/index.svelte";
import type { Sentence } from "../i18n/messages";

/**
 * Number fields the form could not read as a whole number (an empty or garbled number box):
 * they cannot cross to Rust as numbers, so they are refused here, under their field. Every
 * range is Rust's to check.
 */
export function unreadableNumbers(s: Settings): Record<string, Message[]> {
  return Number.isInteger(s.renewals.windowDays) ? {} : { "renewals.windowDays": [{ code: "notNumber" }] };
}

/**
 * The Setări form. It lives for the whole app session, so typed but unsaved values survive
 * navigating to another section; only a successful save replaces `saved`.
 */
export class SettingsForm {
  saved = $state<Settings | null>(null);
  draft = $state<Settings>(defaultSettings());
  /** Field messages from the last refused save, keyed by path (`agency.email`). */
  errors = $state<Record<string, Message[]>>({});
  /** A message about the form as a whole (load failure, refused save); worded when shown. */
  notice = $state<Sentence | null>(null);
  busy = $state(false);
  savedAt = $state<Date | null>(null);
  logoPreview = $state<string | null>(null);
  logoMissing = $state(false);
  dirty = $derived(this.saved !== null && JSON.stringify(this.saved) !== JSON.stringify(this.draft));

  /** Where documents go while the folder field is empty (the system's Documents/Casco Desk). */
  defaultDocumentsFolder = $state("");

  constructor(private readonly backend: Backend) {}

  async load(): Promise<void> {
    try {
      const s = await this.backend.getSettings();
      this.saved = structuredClone(s);
      this.draft = structuredClone(s);
      setLanguage(s.language);
      await this.refreshLogo();
      await this.refreshDocumentsFolder();
    } catch (e) {
      this.notice = { key: "settings.loadFailed", params: { message: problem(e) } };
    }
  }

  /** The folder used while none is chosen, shown as the field's placeholder. */
  private async refreshDocumentsFolder(): Promise<void> {
    if (this.saved?.documents.folder.trim()) return;
    this.defaultDocumentsFolder = await this.backend.documentsFolder();
  }

  /** Saves the draft. On refusal the draft is kept as typed and each field gets its message. */
  async save(): Promise<boolean> {
    const unreadable = unreadableNumbers(this.draft);
    if (Object.keys(unreadable).length > 0) {
      this.errors = unreadable;
      this.notice = { code: "fixHighlighted" };
      return false;
    }
    this.busy = true;
    try {
      const s = await this.backend.saveSettings($state.snapshot(this.draft));
      this.saved = structuredClone(s);
      this.draft = structuredClone(s);
      this.errors = {};
      this.notice = null;
      this.savedAt = new Date();
      return true;
    } catch (e) {
      this.errors = fieldProblems(e);
      this.notice = problem(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Puts the draft back to the saved settings. */
  revert(): void {
    if (this.saved) this.draft = structuredClone($state.snapshot(this.saved));
    this.errors = {};
    this.notice = null;
    void this.refreshLogo();
  }

  /** Applies and saves a language at once, leaving other unsaved edits in the draft. */
  async chooseLanguage(lang: Lang): Promise<void> {
    if (!this.saved) return;
    try {
      const s = await this.backend.saveSettings({ ...$state.snapshot(this.saved), language: lang });
      this.saved = structuredClone(s);
      this.draft.language = lang;
      setLanguage(lang);
    } catch (e) {
      this.notice = problem(e);
    }
  }

  /**
   * Applies and saves the days the API log keeps at once (the log forgets older calls then),
   * leaving other unsaved edits in the draft. True when saved.
   */
  async chooseLogDays(days: number): Promise<boolean> {
    if (!this.saved) return false;
    try {
      const s = await this.backend.saveSettings({ ...$state.snapshot(this.saved), diagnostic: { logDays: days } });
      this.saved = structuredClone(s);
      this.draft.diagnostic = structuredClone(s.diagnostic);
      this.clearError("diagnostic.logDays");
      return true;
    } catch (e) {
      this.errors = { ...this.errors, ...fieldProblems(e) };
      this.notice = problem(e);
      return false;
    }
  }

  async chooseLogo(): Promise<void> {
    try {
      const logo = await this.backend.chooseAgencyLogo();
      if (!logo) return;
      this.draft.agency.logoFile = logo.file;
      this.logoPreview = logo.dataUrl;
      this.logoMissing = false;
      this.clearError("agency.logoFile");
    } catch (e) {
      this.errors = { ...this.errors, ...fieldProblems(e) };
      this.notice = problem(e);
    }
  }

  removeLogo(): void {
    this.draft.agency.logoFile = null;
    this.logoPreview = null;
    this.logoMissing = false;
  }

  /** Forgets a field's message once the agent edits it. */
  clearError(path: string): void {
    if (path in this.errors) {
      const { [path]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private async refreshLogo(): Promise<void> {
    const file = this.draft.agency.logoFile;
    if (!file) {
      this.logoPreview = null;
      this.logoMissing = false;
      return;
    }
    const logo = await this.backend.agencyLogo(file).catch(() => null);
    this.logoPreview = logo?.dataUrl ?? null;
    this.logoMissing = logo === null;
  }
}
