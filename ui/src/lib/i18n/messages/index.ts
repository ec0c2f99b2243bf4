// Renders the Rust side's message codes, and the UI's own sentences kept as data, in the
// language in force when they are shown. Rendering reads the reactive language, so a
// component that renders a message re-renders when the agent switches language.

import type { Message } from "../../bindings";
import { language, t, type Lang, type MessageKey } from "../index.svelte";
import type { MessageCatalogue } from "./catalogue";
import { en } from "./en";
import { ro } from "./ro";

export type { MessageCatalogue, MessageCode } from "./catalogue";

/** Both message catalogues, for tests. */
export const messageCatalogues: Record<Lang, MessageCatalogue> = { ro, en };

/** `m` as a sentence in `lang`. */
export function renderIn(lang: Lang, m: Message): string {
  const sentence = messageCatalogues[lang][m.code] as ((m: Message) => string) | undefined;
  // The typecheck guarantees a sentence per code; a code from a newer backend shows as itself.
  return sentence ? sentence(m) : m.code;
}

/** `m` as a sentence in the language in force. */
export function render(m: Message): string {
  return renderIn(language(), m);
}

/**
 * Something to tell the agent, kept as data until it is shown: a message code from Rust, or a
 * key of the UI's catalogue whose parameters may themselves be sentences.
 */
export type Sentence = Message | { key: MessageKey; params?: Record<string, string | number | Sentence> };

/** `s` in the language in force. */
export function say(s: Sentence): string {
  if ("code" in s) return render(s);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(s.params ?? {})) {
    params[name] = typeof value === "object" ? say(value) : value;
  }
  return t(s.key, params);
}
