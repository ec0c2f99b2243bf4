import type { Backend, ReferenceStatus, SyncProgress } from "./backend";
import { errorMessage } from "./errors";
import { t } from "./i18n/index.svelte";

/** How often the offline indicator probes the API host. */
const ONLINE_PROBE_MS = 5000;

/** Reference data as the frame shows it: sync progress, last sync, online or offline. */
export class ReferenceState {
  status = $state<ReferenceStatus | null>(null);
  progress = $state<SyncProgress | null>(null);
  syncing = $state(false);
  /** One sentence about the last sync or its failure. */
  message = $state("");
  online = $state(true);
  /** Shown from start: the settings or the local store had to be restored or rebuilt. */
  startNotices = $state<string[]>([]);
  private probe: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly backend: Backend) {}

  /** Reads the store notice and arms the offline probe; status and the first probe come
   *  with the connection (the frame's connect-and-sync step), so start-up asks each once. */
  async start(): Promise<void> {
    this.startNotices = await this.backend.startNotices().catch(() => []);
    this.probe ??= setInterval(() => void this.checkOnline(), ONLINE_PROBE_MS);
  }

  stop(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  async refresh(): Promise<void> {
    this.status = await this.backend.referenceDataStatus().catch(() => this.status);
  }

  async checkOnline(): Promise<void> {
    this.online = await this.backend.checkOnline().catch(() => false);
  }

  /** Refreshes stale lists (every list with `force`); progress streams into `progress`. */
  async sync(force: boolean): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    this.progress = null;
    try {
      const summary = await this.backend.syncReferenceData(force, (p) => (this.progress = p));
      this.message =
        summary.succeeded.length === 0 && summary.failed.length === 0 && !summary.cancelled
          ? t("reference.upToDate")
          : summary.failed.length > 0
            ? t("reference.partlyFailed", { ok: summary.succeeded.length, failed: summary.failed.length })
            : summary.cancelled
              ? t("reference.cancelled", { ok: summary.succeeded.length })
              : t("reference.done", { ok: summary.succeeded.length });
    } catch (e) {
      this.message = errorMessage(e);
    } finally {
      this.syncing = false;
      this.progress = null;
      await this.refresh();
    }
  }

  async cancel(): Promise<void> {
    await this.backend.cancelReferenceSync();
  }
}
