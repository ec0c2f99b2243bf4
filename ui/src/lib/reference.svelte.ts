import type { Backend, Message, ReferenceStatus, SyncProgress, SyncSummary } from "./backend";
import { problem } from "./errors";
import type { Sentence } from "./i18n/messages";

/** How often the offline indicator probes the API host. */
const ONLINE_PROBE_MS = 5000;

/** Reference data as the frame shows it: sync progress, last sync, online or offline. */
export class ReferenceState {
  status = $state<ReferenceStatus | null>(null);
  progress = $state<SyncProgress | null>(null);
  syncing = $state(false);
  /** One sentence about the last sync or its failure; worded when shown. */
  message = $state<Sentence | null>(null);
  online = $state(true);
  /** Shown from start: the settings or the local store had to be restored or rebuilt. */
  startNotices = $state<Message[]>([]);
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
      this.message = summarise(summary);
    } catch (e) {
      this.message = problem(e);
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

/** The one line a finished sync leaves. */
function summarise(summary: SyncSummary): Sentence {
  const ok = summary.succeeded.length;
  const failed = summary.failed.length;
  if (ok === 0 && failed === 0 && !summary.cancelled) return { key: "reference.upToDate" };
  if (failed > 0) return { key: "reference.partlyFailed", params: { ok, failed } };
  return summary.cancelled ? { key: "reference.cancelled", params: { ok } } : { key: "reference.done", params: { ok } };
}
