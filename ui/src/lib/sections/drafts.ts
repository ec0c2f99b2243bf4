// Ciorne as a work queue: finding a draft by what the agent remembers of it (a name without
// its diacritics, a plate typed without spaces, the make) and showing its vehicle readably.

import type { DraftSummary } from "../backend";
import { foldText, formatDateTime, formatTime } from "../format";
import type { MessageKey } from "../i18n/index.svelte";
import { makeName } from "../wizard/fields";

/** Text as search compares it: folded (no case, no diacritics), runs of spaces and dashes as one space. */
export function searchForm(text: string): string {
  return foldText(text).replace(/[\s\-_.,]+/g, " ").trim();
}

/** Letters and digits only: "CJ-12 ABC" and "cj12abc" are the same plate. */
const compact = (text: string) => foldText(text).replace(/[^a-z0-9]/g, "");

/**
 * Whether `draft` answers `query`: every word of the query starts a word of the client, the
 * plate or the vehicle (diacritics and case ignored), or the query is part of the plate however
 * it is spaced. Words match from their start, so "B 12" does not find "CJ 12 ABC" through "aBc".
 * An empty query matches every draft.
 */
export function draftMatches(draft: DraftSummary, query: string): boolean {
  const words = searchForm(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const plate = compact(draft.plate);
  const wanted = compact(query);
  if (wanted && plate.includes(wanted)) return true;
  const known = [draft.clientName, draft.plate, draft.vehicle].flatMap((text) => searchForm(text).split(" "));
  return words.every((w) => known.some((k) => k.startsWith(w)));
}

/** "dacia logan" (make and model keys, as stored) → "Dacia Logan". */
export function vehicleText(vehicle: string): string {
  const [make = "", ...model] = vehicle.trim().split(/\s+/);
  const rest = model.join(" ");
  return [make ? makeName(make) : "", rest.charAt(0).toUpperCase() + rest.slice(1)].filter(Boolean).join(" ");
}

/**
 * When a draft last changed, as short as a queue needs: today's and yesterday's by their time
 * ("azi 14:05"), older ones by their date. `now` is the local clock.
 */
export function changedWhen(iso: string, now: Date): { key: MessageKey | null; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { key: null, time: iso };
  const sameDay = (a: Date, b: Date) =>
    a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(d, now)) return { key: "drafts.today", time: formatTime(d) };
  if (sameDay(d, yesterday)) return { key: "drafts.yesterday", time: formatTime(d) };
  // The date part of the local date-time: the calendar day the agent lived it.
  return { key: null, time: formatDateTime(d).slice(0, 10) };
}
