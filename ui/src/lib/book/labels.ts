// How Clienți, Istoric and Reînnoiri word what the book holds: counts of days and offers with
// Romanian plurals, vehicles as agents name them, days left before a policy ends.

import type { BookClient, HistoryKind, HistoryState, PolicyView, VehicleCard } from "../backend";
import { formatDate } from "../format";
import { t, type MessageKey } from "../i18n/index.svelte";
import { vehicleText } from "../sections/drafts";

/**
 * Which Romanian plural a count takes: "1 zi", "5 zile", "20 de zile" ("de" after 20 and
 * above, unless the last two digits are 01–19: "101 zile", "120 de zile"). English reads the
 * same key, with the same sentence for "few" and "many".
 */
export function pluralForm(n: number): "one" | "few" | "many" {
  if (n === 1) return "one";
  const lastTwo = Math.abs(n) % 100;
  return n < 20 || (lastTwo >= 1 && lastTwo <= 19) ? "few" : "many";
}

type Counted = "book.days" | "book.offers" | "book.clients" | "book.entries";
const counted = (what: Counted, n: number) => t(`${what}.${pluralForm(n)}`, { n });

/** "1 zi", "5 zile", "45 de zile". */
export const daysText = (n: number) => counted("book.days", n);
/** "1 ofertă", "10 oferte", "20 de oferte". */
export const offersText = (n: number) => counted("book.offers", n);
/** "1 client", "2 clienți", "50 de clienți". */
export const clientsText = (n: number) => counted("book.clients", n);
/** "1 înregistrare", "12 înregistrări", "20 de înregistrări". */
export const entriesText = (n: number) => counted("book.entries", n);

/** When a policy ends, from today: "azi", "mâine", "peste 20 de zile". */
export function daysLeftText(days: number): string {
  if (days <= 0) return t("renewals.today");
  if (days === 1) return t("renewals.tomorrow");
  return t("renewals.in", { days: daysText(days) });
}

/** How urgent a renewal is: a week or less is pressing, two weeks soon, the rest calm. */
export function urgency(days: number): "bad" | "warn" | "muted" {
  return days <= 7 ? "bad" : days <= 14 ? "warn" : "muted";
}

/** A vehicle card's make, model and year: "Dacia Logan 2019". */
export function vehicleName(card: VehicleCard): string {
  return [vehicleText(`${card.make} ${card.model}`), card.year.trim()].filter(Boolean).join(" ");
}

/**
 * Reînnoiri's vehicle as Rust joins it ("CJ 34 TUT · dacia logan"), split into the plate as it
 * is and make and model as agents write them. A part alone is the plate when it is written as
 * plates are (capitals, digits, spaces), else the vehicle's name.
 */
export function vehicleParts(text: string): [plate: string, name: string] {
  const parts = text.split(" · ");
  const isPlate = (s: string) => /^[A-Z0-9 -]+$/.test(s);
  if (parts.length === 1) return isPlate(text) ? [text, ""] : ["", vehicleText(text)];
  return [parts[0]!, vehicleText(parts.slice(1).join(" · "))];
}

/** A document's name as Istoric lists it: no date in front (the line has its own), no ".pdf". */
export function documentLabel(name: string): string {
  return name.replace(/^\d{4}-\d{2}-\d{2}\s+/, "").replace(/\.pdf$/i, "");
}

/** Every plate of a client's vehicles, in the book's order ("" plates left out). */
export function platesOf(client: BookClient): string[] {
  return client.vehicles.map((v) => v.card.plate).filter(Boolean);
}

/** "GRP 100045". */
export const policyNumber = (p: PolicyView) => `${p.series} ${p.number}`.trim();

/** "01.12.2026 – 30.11.2027", or what is known of it. */
export function policyPeriod(p: PolicyView): string {
  if (!p.startDate && !p.endDate) return "—";
  return `${p.startDate ? formatDate(p.startDate) : "…"} – ${p.endDate ? formatDate(p.endDate) : "…"}`;
}

export const KIND_LABEL: Record<HistoryKind, MessageKey> = {
  comparison: "history.kind.comparison",
  offer: "history.kind.offer",
  policy: "history.kind.policy",
  document: "history.kind.document",
};

export const STATE_LABEL: Record<HistoryState, MessageKey> = {
  valid: "history.state.valid",
  expired: "history.state.expired",
  issued: "history.state.issued",
  unconfirmed: "history.state.unconfirmed",
  refused: "history.state.refused",
};

/** The colour of a state's chip: issued green, unconfirmed amber, refused red, the rest quiet. */
export const STATE_TONE: Record<HistoryState, "ok" | "warn" | "bad" | "muted"> = {
  valid: "muted",
  expired: "muted",
  issued: "ok",
  unconfirmed: "warn",
  refused: "bad",
};
