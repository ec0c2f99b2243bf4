// What a message catalogue is: one sentence per code of the Rust `Message`, so a code without
// a sentence (or a sentence for a code that no longer exists) fails the typecheck.

import type { Message } from "../../bindings";
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
