// Istoric's filters as the agent types them, turned into the HistoryFilter Rust reads, and the
// entries Rust returns grouped for the screen: each comparison with its offers folded under it.

import type { HistoryEntry, HistoryFilter, HistoryKind, HistoryState } from "../backend";

/** The filter bar as typed: dates as dd.mm.yyyy, "" for "toate". */
export interface HistoryForm {
  from: string;
  to: string;
  insurer: string;
  state: HistoryState | "";
  kind: HistoryKind | "";
  query: string;
}

export const emptyHistoryForm = (): HistoryForm => ({ from: "", to: "", insurer: "", state: "", kind: "", query: "" });

export const HISTORY_KINDS: HistoryKind[] = ["comparison", "offer", "policy", "document"];
export const HISTORY_STATES: HistoryState[] = ["valid", "expired", "issued", "unconfirmed", "refused"];

/**
 * A day as agents type it ("1.12.2026", "01.12.2026", "01/12/2026", or ISO) → "2026-12-01";
 * null for anything that is not a real calendar day.
 */
export function parseDay(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const ro = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : ro ? [ro[3], ro[2], ro[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
  return real ? date.toISOString().slice(0, 10) : null;
}

/** What Rust is asked for, and which date fields cannot be read (those are left out, and marked). */
export function historyFilter(form: HistoryForm): { filter: HistoryFilter; invalid: ("from" | "to")[] } {
  const invalid: ("from" | "to")[] = [];
  const day = (field: "from" | "to") => {
    if (form[field].trim() === "") return null;
    const parsed = parseDay(form[field]);
    if (parsed === null) invalid.push(field);
    return parsed;
  };
  const filter: HistoryFilter = {
    from: day("from"),
    to: day("to"),
    insurer: form.insurer || null,
    kinds: form.kind ? [form.kind] : [],
    state: form.state || null,
    query: form.query.trim(),
  };
  return { filter, invalid };
}

/** Whether any filter narrows the list (the search included). */
export function isFiltered(form: HistoryForm): boolean {
  return Object.values(form).some((v) => v.trim() !== "");
}

/** One line of Istoric as shown: an entry, and for a comparison the offers it brought. */
export interface HistoryRow {
  entry: HistoryEntry;
  offers: HistoryEntry[];
}

/**
 * Folds each comparison's offers under it: Rust lists a comparison followed by its offers, all
 * at the same instant and of the same draft. An offer whose comparison is not listed (filtered
 * out by insurer, state or kind) stays a line of its own.
 */
export function groupEntries(entries: HistoryEntry[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let parent: HistoryRow | null = null;
  for (const entry of entries) {
    const belongs =
      entry.kind === "offer" && parent !== null && parent.entry.draftId === entry.draftId && parent.entry.at === entry.at;
    if (belongs) {
      parent!.offers.push(entry);
      continue;
    }
    const row: HistoryRow = { entry, offers: [] };
    rows.push(row);
    parent = entry.kind === "comparison" ? row : null;
  }
  return rows;
}

/** A stable key for an entry (entries of one draft can share their instant). */
export function entryKey(e: HistoryEntry): string {
  return [e.kind, e.draftId, e.at, e.offerId ?? "", e.documentId ?? ""].join(":");
}

/** What opening an entry does: a document opens its file; anything else reopens its draft at Oferte. */
export function opensDocument(e: HistoryEntry): boolean {
  return e.kind === "document" && e.documentId !== null;
}
