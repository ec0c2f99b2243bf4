// What a message catalogue is: one sentence per code of the Rust `Message`, so a code without
// a sentence (or a sentence for a code that no longer exists) fails the typecheck.

import type { InsurerAmount, Message } from "../../bindings";
import { formatMoney } from "../../format";
import { fieldByPath } from "../../wizard/fields";
import { allCatalogues, type Lang } from "../index.svelte";

/** Every code the Rust side can send. */
export type MessageCode = Message["code"];

/** A sentence for each code, built from that code's parameters. */
export type MessageCatalogue = { [K in MessageCode]: (m: Extract<Message, { code: K }>) => string };

/** Request path → the field as it reads inside a sentence ("etajul din adresa asiguratului"). */
export type FieldPhrases = Readonly<Record<string, string>>;

/**
 * How `path` reads in "Asigurătorul X cere …": its phrase, else the wizard field's label, else
 * the path itself (a field an insurer starts requiring before the catalogue names it).
 */
export function fieldPhrase(phrases: FieldPhrases, path: string, lang: Lang): string {
  const phrase = phrases[path];
  if (phrase !== undefined) return phrase;
  const label = fieldByPath(path)?.label;
  return typeof label === "string" ? allCatalogues[lang][label] : path;
}

/**
 * Insurers' amounts grouped by value, so eight insurers with one catalogue value read once:
 * "26.300,00 lei (Generali, Groupama, …); 25.900,00 lei (Uniqa)".
 */
export function groupedAmounts(values: readonly InsurerAmount[], lang: Lang): string {
  const groups = new Map<string, string[]>();
  for (const v of values) {
    const money = formatMoney(v.amount, v.currency, lang);
    groups.set(money, [...(groups.get(money) ?? []), v.insurer]);
  }
  return [...groups].map(([money, insurers]) => `${money} (${insurers.join(", ")})`).join("; ");
}
