// Keyboard shortcuts for every OS. Keys are matched on `event.code` (the physical key): on
// macOS, Option+1 types "¡" in `event.key`, and other layouts move digits and letters. The
// primary modifier is ⌘ on macOS and Ctrl elsewhere, and labels say so.

/** A shortcut: a physical key (`event.code`) and the modifiers it needs. */
export interface Shortcut {
  /** `KeyboardEvent.code`: "Enter", "Digit1", "ArrowRight", "KeyR". */
  code: string;
  /** ⌘ on macOS, Ctrl elsewhere. */
  primary?: boolean;
  /** Alt, ⌥ Option on macOS. */
  alt?: boolean;
  shift?: boolean;
}

/** The parts of a key event a shortcut reads. */
export type KeyPress = Pick<KeyboardEvent, "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

/** Whether this webview runs on macOS (WKWebView). */
export function onMac(platform: string = typeof navigator === "undefined" ? "" : navigator.platform || navigator.userAgent): boolean {
  return /Mac|iPhone|iPad/i.test(platform);
}

/** Whether `event` is exactly `shortcut`: no modifier more, none fewer. */
export function matches(event: KeyPress, shortcut: Shortcut, mac = onMac()): boolean {
  const primary = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  return (
    (event.code === shortcut.code || (shortcut.code === "Enter" && event.code === "NumpadEnter")) &&
    primary === !!shortcut.primary &&
    !other &&
    event.altKey === !!shortcut.alt &&
    event.shiftKey === !!shortcut.shift
  );
}

/** The digit 1–9 of a top-row or keypad key, whatever character it types; null otherwise. */
export function digitOf(event: Pick<KeyPress, "code">): number | null {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  return m ? Number(m[1]) : null;
}

const KEY_NAMES: Record<string, { mac: string; other: string }> = {
  Enter: { mac: "↩", other: "Enter" },
  ArrowLeft: { mac: "←", other: "←" },
  ArrowRight: { mac: "→", other: "→" },
  ArrowUp: { mac: "↑", other: "↑" },
  ArrowDown: { mac: "↓", other: "↓" },
  Escape: { mac: "Esc", other: "Esc" },
  Delete: { mac: "⌦", other: "Del" },
};

/** The shortcut as the agent's OS writes it: "Ctrl+Enter", "Alt+1" / "⌘↩", "⌥1". */
export function shortcutLabel(shortcut: Shortcut, mac = onMac()): string {
  const name = KEY_NAMES[shortcut.code]?.[mac ? "mac" : "other"] ?? shortcut.code.replace(/^(Key|Digit|Numpad)/, "");
  const mods = mac
    ? [shortcut.alt && "⌥", shortcut.shift && "⇧", shortcut.primary && "⌘"]
    : [shortcut.primary && "Ctrl", shortcut.alt && "Alt", shortcut.shift && "Shift"];
  const used = mods.filter((m): m is string => typeof m === "string");
  return mac ? [...used, name].join("") : [...used, name].join("+");
}

/** Whether `event` starts in a field where arrows move the caret (text, number, textarea). */
export function fromTextField(event: Pick<Event, "target">): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable || target.tagName === "TEXTAREA") return true;
  if (target.tagName !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "file", "color", "range"].includes(type);
}

/**
 * ↑/↓ in a list (Ciorne, Clienți, Istoric, Reînnoiri), from anywhere but a text field: how far
 * to move the list's selection (1 or -1), or 0 for ↓ in the list's own search box `searchId`,
 * which enters the list where it is. Null when the key is not the list's; otherwise the key is
 * taken (preventDefault).
 */
export function listStep(event: KeyPress & Pick<Event, "target" | "preventDefault">, searchId?: string): number | null {
  const down = matches(event, { code: "ArrowDown" });
  if (!down && !matches(event, { code: "ArrowUp" })) return null;
  const fromSearch = searchId !== undefined && (event.target as HTMLElement | null)?.id === searchId;
  if ((fromTextField(event) && !fromSearch) || (fromSearch && !down)) return null;
  event.preventDefault();
  return fromSearch ? 0 : down ? 1 : -1;
}
