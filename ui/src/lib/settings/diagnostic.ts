// How Setări → Diagnostic words an API call: its operation by the route's name, its result
// (an HTTP status, or how it ended without one), its duration and its size. Pure functions.

import type { ApiCallEntry, ApiCallOutcome } from "../backend";
import type { Lang, MessageKey } from "../i18n/index.svelte";
import { formatCount, formatDateTime } from "../format";

/** The routes of casco-api's table the UI has a name for (`operation` in a log entry). */
const OPERATIONS = [
  "login",
  "refresh",
  "logout",
  "quote",
  "offer_pdf",
  "issue_policy",
  "policy_pdf",
  "countries",
  "counties",
  "localities",
  "vehicle_makes",
  "vehicle_models",
  "vehicle_identification",
] as const;

/** The label key of an operation; `null` for a route this UI does not know (shown as its name). */
export function operationKey(operation: string): MessageKey | null {
  return (OPERATIONS as readonly string[]).includes(operation) ? (`diagnostic.op.${operation}` as MessageKey) : null;
}

/** How the result reads: the status for an answer, else the way it ended. */
export type Result =
  | { kind: "status"; status: number; ok: boolean }
  | { kind: "ended"; key: MessageKey; status: number | null };

/** Every way a call ends, worded: a new outcome in Rust fails the typecheck until it has one. */
const OUTCOMES: Record<ApiCallOutcome, MessageKey> = {
  answered: "diagnostic.outcome.answered",
  redirected: "diagnostic.outcome.redirected",
  tooLarge: "diagnostic.outcome.tooLarge",
  noConnection: "diagnostic.outcome.noConnection",
  connectTimeout: "diagnostic.outcome.connectTimeout",
  broken: "diagnostic.outcome.broken",
  notSent: "diagnostic.outcome.notSent",
  abandoned: "diagnostic.outcome.abandoned",
};

/** The result of a call: its HTTP status (ok below 400), or why there is none. */
export function result(entry: Pick<ApiCallEntry, "status" | "outcome">): Result {
  if (entry.outcome === "answered" && entry.status !== null) {
    return { kind: "status", status: entry.status, ok: entry.status < 400 };
  }
  return { kind: "ended", key: OUTCOMES[entry.outcome], status: entry.status };
}

/** One decimal, with the language's decimal mark: `1,2` in Romanian, `1.2` in English. */
function oneDecimal(value: number, lang: Lang): string {
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return lang === "ro" ? text.replace(".", ",") : text;
}

/** `812 ms`, `1,2 s`, `2 min 05 s`. */
export function formatDuration(ms: number, lang: Lang = "ro"): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${oneDecimal(ms / 1000, lang)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** `512 B`, `2,0 KB`, `1,4 MB` (powers of 1024). */
export function formatSize(bytes: number, lang: Lang = "ro"): string {
  if (bytes < 1024) return `${formatCount(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${oneDecimal(bytes / 1024, lang)} KB`;
  return `${oneDecimal(bytes / (1024 * 1024), lang)} MB`;
}

/**
 * A count with its noun as a sentence holds it: in Romanian a number whose last two digits are
 * 00 or 20–99 takes "de" (`7 zile`, `30 de zile`, `101 zile`, `1 zi`); in English `1 day`,
 * `30 days`.
 */
function counted(n: number, lang: Lang, ro: [string, string], en: [string, string]): string {
  const shown = formatCount(n, lang);
  if (lang === "en") return `${shown} ${n === 1 ? en[0] : en[1]}`;
  if (n === 1) return `1 ${ro[0]}`;
  const lastTwo = n % 100;
  return lastTwo === 0 || lastTwo >= 20 ? `${shown} de ${ro[1]}` : `${shown} ${ro[1]}`;
}

/** `1 zi`, `7 zile`, `30 de zile`; `30 days`. */
export function dayCount(n: number, lang: Lang = "ro"): string {
  return counted(n, lang, ["zi", "zile"], ["day", "days"]);
}

/** `1 apel`, `12 apeluri`, `200 de apeluri`; `200 calls`. */
export function callCount(n: number, lang: Lang = "ro"): string {
  return counted(n, lang, ["apel", "apeluri"], ["call", "calls"]);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** An ISO instant as local `02.12.2026 14:05:07`: calls come seconds apart. */
export function formatMoment(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDateTime(d)}:${pad2(d.getSeconds())}`;
}

/** The days the log can be kept for, as Setări offers them (the default, 30, among them). */
export const LOG_DAY_CHOICES = [7, 14, 30, 60, 90, 180, 365] as const;
