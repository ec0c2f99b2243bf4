// Verificare as a summary for the client: each filled field as its label and its value in
// words (option texts, cover names, amounts with their currency), never a code.

import type { AddressDraft, InsurerGap, QuoteDraft } from "../backend";
import { compareText, formatAmount, formatDate, formatMoney } from "../format";
import { language, t } from "../i18n/index.svelte";
import { COVER_CHOICES, STEP_GROUPS, getAt, isUserGroup, labelOf, makeName, optionText, type FieldSpec, type FormStep } from "./fields";

/** One line of the summary. */
export interface ReviewLine {
  spec: FieldSpec;
  label: string;
  text: string;
}

/** A section of the summary: a form step, or the vehicle's user (part of Vehicul). */
export type ReviewPart = FormStep | "user";

/** The value of `spec` in `d` as the client reads it; "" when nothing was filled in. */
export function shownValue(spec: FieldSpec, d: QuoteDraft): string {
  const v = getAt(d, spec.draft);
  switch (spec.kind) {
    case "county":
      return (v as AddressDraft).countyName;
    case "locality":
      return (v as AddressDraft).localityName;
    case "make":
      return makeName(String(v ?? ""));
    case "bool":
      return v === true ? t("wizard.yes") : "";
    case "tri":
      return v === null || v === undefined ? "" : v ? t("wizard.yes") : t("wizard.no");
    case "select":
    case "radio": {
      const o = spec.options?.find((x) => x.value === v);
      return o && o.value !== "" ? optionText(o) : "";
    }
    case "date":
      return formatDate(String(v ?? "").trim());
    case "covers": {
      const keys = (v as string[] | undefined) ?? [];
      return COVER_CHOICES.filter((c) => keys.includes(String(c.value)))
        .map(optionText)
        .join(", ");
    }
    default: {
      const text = String(v ?? "").trim();
      if (spec.amount && /^\d+([.,]\d+)?$/.test(text)) {
        const plain = text.replace(",", ".");
        return spec.money ? formatMoney(plain, d.cover.currency, language()) : formatAmount(plain, language());
      }
      return text;
    }
  }
}

/** The filled fields of a part, in screen order, as label and value. */
export function reviewLines(part: ReviewPart, d: QuoteDraft): ReviewLine[] {
  const step: FormStep = part === "user" ? "vehicle" : part;
  return STEP_GROUPS[step]
    .filter((g) => (part === "user") === isUserGroup(g) && (g.show?.(d) ?? true))
    .flatMap((g) => g.fields)
    // The "same as the policyholder" switch is said in words by the section itself.
    .filter((f) => (f.show?.(d) ?? true) && f.path !== "product.vehicle.user.sameAsPolicyholder")
    .map((spec) => ({ spec, label: t(labelOf(spec, d)), text: shownValue(spec, d) }))
    .filter((l) => l.text !== "");
}

/** The fields insurers ask for, one entry per field with every insurer that asks for it. */
export interface GapGroup {
  path: string;
  insurers: string[];
}

/**
 * Groups the insurers' requirements by field ("9 asigurători cer: etajul din adresă"), most
 * asked first, so one missing floor is one line and not nine.
 */
export function groupGaps(gaps: InsurerGap[]): GapGroup[] {
  const byPath = new Map<string, string[]>();
  for (const g of gaps) {
    const names = byPath.get(g.path) ?? [];
    if (!names.includes(g.displayName)) names.push(g.displayName);
    byPath.set(g.path, names);
  }
  return [...byPath.entries()]
    .map(([path, insurers]) => ({ path, insurers: insurers.sort(compareText) }))
    .sort((a, b) => b.insurers.length - a.insurers.length);
}
