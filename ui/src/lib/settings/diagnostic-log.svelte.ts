import type { ApiCallEntry, Backend, ExportedLog } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";

/** How many of the newest calls Setări → Diagnostic shows. */
export const SHOWN_CALLS = 200;

/**
 * Setări → Diagnostic: the newest API calls as the log keeps them (already masked in Rust),
 * and the export of the whole log for support.
 */
export class DiagnosticLog {
  entries = $state<ApiCallEntry[]>([]);
  loaded = $state(false);
  exporting = $state(false);
  /** The file the last export wrote; `null` before one, or after a cancelled dialog. */
  exported = $state<ExportedLog | null>(null);
  notice = $state<Sentence | null>(null);

  constructor(
    private readonly backend: Backend,
    readonly limit: number = SHOWN_CALLS,
  ) {}

  /** Reads the newest calls again. */
  async refresh(): Promise<void> {
    try {
      this.entries = await this.backend.apiCalls(this.limit);
      this.loaded = true;
      this.notice = null;
    } catch (e) {
      this.notice = problem(e);
    }
  }

  /** Asks where to save the log and writes it; a cancelled dialog changes nothing. */
  async export(): Promise<void> {
    this.exporting = true;
    try {
      const written = await this.backend.exportApiLog();
      if (written) this.exported = written;
      this.notice = null;
    } catch (e) {
      this.notice = problem(e);
    } finally {
      this.exporting = false;
    }
  }
}
