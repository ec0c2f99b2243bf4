// What the comparison reads off the offers before drawing them: the terms every offer shares
// (one summary line) and the ones that differ (columns), the cover matrix, whether an offer can
// be chosen now, and when the cheapest may be named. Pure: the tests run it without a window.

import type { OfferView } from "../backend";
import { formatDate, formatMoney } from "../format";
import type { Lang, MessageKey } from "../i18n/index.svelte";
import { t } from "../i18n/index.svelte";
import { COVER_KEYS } from "../wizard/generated";

/** A cover of the catalogue (`glass`, `assistance`, …). */
export type CoverKey = (typeof COVER_KEYS)[number];

/** The terms an offer carries besides its premium, in the order the agent reads them. */
export const TERM_KEYS = ["period", "insuredSum", "deductibles", "installments", "expiry"] as const;
export type TermKey = (typeof TERM_KEYS)[number];

/** How the comparison names each term (column header and summary label). */
export const TERM_LABELS: Record<TermKey, MessageKey> = {
  period: "offers.col.period",
  insuredSum: "offers.col.insuredSum",
  deductibles: "offers.col.deductibles",
  installments: "offers.col.installments",
  expiry: "offers.col.expiry",
};

/**
 * How the summary line names a shared term; null where the value says it by itself (a period
 * of two dates, "integral" / "4 rate").
 */
export const SHARED_LABELS: Record<TermKey, MessageKey | null> = {
  period: null,
  insuredSum: "offers.shared.insuredSum",
  deductibles: "offers.shared.deductibles",
  installments: null,
  expiry: "offers.shared.expiry",
};

/** A term of `offer` as the agent reads it; two offers share the term when these are equal. */
export function termText(key: TermKey, offer: OfferView, lang: Lang): string {
  switch (key) {
    case "period":
      return `${formatDate(offer.startDate)} – ${formatDate(offer.endDate)}`;
    case "insuredSum":
      return offer.insuredSum ? formatMoney(offer.insuredSum.amount, offer.insuredSum.currency, lang) : t("offers.insuredSum.unknown");
    case "deductibles":
      return offer.deductibles
        ? t("offers.deductible", {
            amount: formatMoney(offer.deductibles.partialDamage, offer.deductibles.currency, lang),
            percent: offer.deductibles.totalDamagePercent,
          })
        : t("offers.deductible.none");
    case "installments":
      return offer.installmentCount === 1 ? t("offers.installments.one") : t("offers.installments.many", { count: offer.installmentCount });
    case "expiry":
      return offer.expiryDate ? formatDate(offer.expiryDate) : "—";
  }
}

/** The terms split in two: those every offer shares (with their one value) and those that differ. */
export interface TermSplit {
  shared: { key: TermKey; text: string }[];
  varying: TermKey[];
}

/** Splits the terms of `offers`; with no offer nothing is shared (there is nothing to summarise). */
export function splitTerms(offers: OfferView[], lang: Lang): TermSplit {
  const split: TermSplit = { shared: [], varying: [] };
  if (offers.length === 0) return split;
  for (const key of TERM_KEYS) {
    const texts = new Set(offers.map((o) => termText(key, o, lang)));
    if (texts.size === 1) split.shared.push({ key, text: [...texts][0]! });
    else split.varying.push(key);
  }
  return split;
}

/**
 * The cover matrix: covers some offers list and others do not become columns (✓ / —); covers
 * every offer lists go to the summary line; covers no offer lists are left out, so the grid
 * keeps one line per offer.
 */
export interface CoverMatrix {
  columns: CoverKey[];
  everywhere: CoverKey[];
}

export function coverMatrix(offers: OfferView[]): CoverMatrix {
  const matrix: CoverMatrix = { columns: [], everywhere: [] };
  if (offers.length === 0) return matrix;
  for (const key of COVER_KEYS) {
    const listing = offers.filter((o) => o.covers.includes(key)).length;
    if (listing === offers.length) matrix.everywhere.push(key);
    else if (listing > 0) matrix.columns.push(key);
  }
  return matrix;
}

/**
 * A cover in words, as the Acoperiri step's checkboxes name it (one name per cover in the whole
 * app); a key this release does not know is shown as sent.
 */
export function coverName(key: string): string {
  return (COVER_KEYS as readonly string[]).includes(key) ? t(`q.cover.${key as CoverKey}`) : key;
}

/** A cover's short name for a matrix column header (the full name is its tooltip). */
export function coverShortName(key: string): string {
  return (COVER_KEYS as readonly string[]).includes(key) ? t(`offers.cover.short.${key as CoverKey}`) : key;
}

/** The catalogue cover an offer's coverage code names (`replacement_car` → `replacementCar`), if any. */
export function coverOfCode(code: string): CoverKey | null {
  const camel = code.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return (COVER_KEYS as readonly string[]).includes(camel) ? (camel as CoverKey) : null;
}

/** Why an offer cannot be chosen now, or null when it can. */
export type Refusal = "expired" | "stale" | "checking" | "waiting" | "issued" | "unconfirmed";

/**
 * Whether `offer` can be chosen. `current` is the wizard's word on the offer's insurer (its
 * request is still the draft's, and the draft's last edit was checked); `stale` says the check
 * found the request changed; `waiting` that the insurer is being asked again right now.
 */
export function refusal(offer: OfferView, state: { current: boolean; stale: boolean; waiting: boolean }): Refusal | null {
  if (state.waiting) return "waiting";
  if (offer.expired) return "expired";
  if (state.stale) return "stale";
  if (!state.current) return "checking";
  return null;
}

/** The tooltip that says why Alege is unavailable. */
export const REFUSAL_TEXT: Record<Refusal, MessageKey> = {
  expired: "offers.choose.expired",
  stale: "offers.choose.stale",
  checking: "offers.choose.checking",
  waiting: "offers.choose.waiting",
  issued: "offers.choose.issued",
  unconfirmed: "offers.choose.unconfirmed",
};

/**
 * "Cea mai mică primă" names an offer only when it is the cheapest of a finished batch priced
 * on the data as it is now: nobody is still answering, nobody was left unanswered by an
 * interrupted batch, and every insurer with offers is current.
 */
export function cheapestMayShow(state: { waiting: boolean; unanswered: number; insurers: string[]; isCurrent: (insurer: string) => boolean }): boolean {
  return !state.waiting && state.unanswered === 0 && state.insurers.length > 0 && state.insurers.every(state.isCurrent);
}

/** An exchange rate as agents read it, with the decimals the offer gave (at least four): `4,9770`. */
export function formatRate(rate: string, lang: Lang): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) return rate;
  return `${m[1]}${lang === "ro" ? "," : "."}${(m[2] ?? "").padEnd(4, "0")}`;
}

/** An EUR premium in lei, labelled with its rate and where the rate comes from; null for RON offers. */
export interface Conversion {
  /** "≈ 6.523,45 lei"; empty when the offer states no rate. */
  amount: string;
  /** "curs 4,9770" (the column says it is the offer's). */
  short: string;
  /** "≈ 6.523,45 lei (curs 4,9770 din oferta Allianz-Țiriac)". */
  full: string;
}

export function conversion(offer: OfferView, insurerName: string, lang: Lang): Conversion | null {
  if (offer.currency === "RON") return null;
  // Without a rate the Rust side leaves the premium unconverted: there is no amount in lei to show.
  if (!offer.exchangeRate) return { amount: "", short: t("offers.rate.none"), full: t("offers.rate.none") };
  const amount = `≈ ${formatMoney(offer.premiumRon, "RON", lang)}`;
  const rate = formatRate(offer.exchangeRate, lang);
  return {
    amount,
    short: t("offers.rate.short", { rate }),
    full: `${amount} (${t("offers.rate.full", { rate, insurer: insurerName })})`,
  };
}

/**
 * The exchange rate every converted offer states, when they all state the same one: it is
 * then said once, above the grid, and the cells show the amount alone.
 */
export function sharedRate(offers: readonly OfferView[]): string | null {
  const rates = new Set(offers.filter((o) => o.currency !== "RON").map((o) => o.exchangeRate));
  const [only] = rates;
  return rates.size === 1 && only ? only : null;
}

/** The premium in the offer's own currency: `850,00 lei`, `171,03 EUR`. */
export const ownPremium = (offer: OfferView, lang: Lang) => formatMoney(offer.premium, offer.currency, lang);
