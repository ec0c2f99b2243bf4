import { en } from "./en";
import { ro, type MessageKey } from "./ro";

export type { MessageKey };
/** A UI language; matches the Rust `Language`. */
export type Lang = "ro" | "en";

const catalogues: Record<Lang, Record<MessageKey, string>> = { ro, en };

// Reactive: components that call t() re-render when the language changes.
const current = $state<{ lang: Lang }>({ lang: "ro" });

/** The language in force. */
export function language(): Lang {
  return current.lang;
}

/** Switches the UI language at once. */
export function setLanguage(lang: Lang): void {
  current.lang = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

/** Translates `key`, replacing `{name}` placeholders with `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return interpolate(catalogues[current.lang][key], params);
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so they get noticed. */
export function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Both catalogues, for tests. */
export const allCatalogues = catalogues;
