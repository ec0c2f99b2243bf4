// Romanian display formats. The payload keeps ISO dates and plain numbers; these functions only
// render them. Implemented by hand rather than with Intl so the output is identical in every
// WebView and in Node (Intl's grouping rules for "ro" differ between ICU versions).

import type { Lang } from "./i18n/index.svelte";

/** `2026-11-27` (or an ISO date-time) → `27.11.2026`; anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A local date-time → `27.11.2026 14:05`. */
export function formatDateTime(d: Date): string {
  return `${pad2(d.getDate())}.${pad2(d.getMonth() + 1)}.${d.getFullYear()} ${formatTime(d)}`;
}

/** A local time of day → `14:05`. */
export function formatTime(d: Date): string {
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** An ISO date-time (UTC) → local `27.11.2026 14:05`; empty for null. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTime(d);
}

/**
 * A money amount given as a decimal string (how money crosses IPC) or an integer, with two
 * decimals: `1234.5` → `1.234,50` in Romanian, `1,234.50` in English. Rounds half away from
 * zero on the third decimal without going through floating point.
 */
export function formatAmount(value: string | number, lang: Lang = "ro"): string {
  const text = typeof value === "number" ? String(value) : value.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const negative = m[1] === "-";
  let whole = m[2]!.replace(/^0+(?=\d)/, "");
  let frac = (m[3] ?? "").padEnd(3, "0");
  let cents = Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  if (cents === 100) {
    cents = 0;
    whole = addOne(whole);
  }
  const [group, decimal] = lang === "ro" ? [".", ","] : [",", "."];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = negative && (whole !== "0" || cents !== 0) ? "-" : "";
  return `${sign}${grouped}${decimal}${String(cents).padStart(2, "0")}`;
}

function addOne(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === "9") out[i] = "0";
    else {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
  }
  return "1" + out.join("");
}

/** A whole count with thousands grouped: `13755` → `13.755` in Romanian, `13,755` in English. */
export function formatCount(value: number, lang: Lang = "ro"): string {
  if (!Number.isFinite(value)) return String(value);
  const whole = String(Math.trunc(Math.abs(value)));
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === "ro" ? "." : ",");
  return value < 0 && whole !== "0" ? `-${grouped}` : grouped;
}

/** An amount with its currency as agents write it: `1.234,56 lei`, `1.234,56 EUR`. */
export function formatMoney(value: string | number, currency: string, lang: Lang = "ro"): string {
  const unit = currency === "RON" && lang === "ro" ? "lei" : currency;
  return `${formatAmount(value, lang)} ${unit}`;
}

/** Folds text for matching: lower case, Romanian and other diacritics dropped ("Ștefănescu" → "stefanescu"). */
export function foldText(text: string): string {
  // NFD + removing combining marks is plain Unicode data, identical in every webview (no ICU collation).
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Orders text the same way in every webview: by its folded form, then code point by code point. */
export function compareText(a: string, b: string): number {
  const fa = foldText(a);
  const fb = foldText(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
