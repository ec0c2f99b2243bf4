// The wizard's shortcuts, one definition for the key handler, the buttons and their tooltips.

import { fromTextField, matches, onMac, type KeyPress, type Shortcut } from "../shortcuts";
import type { Step } from "./fields";

/** Înapoi: Alt+← (⌥← on macOS). */
export const BACK: Shortcut = { code: "ArrowLeft", alt: true };
/** Continuă: Alt+→ (⌥→ on macOS). */
export const NEXT: Shortcut = { code: "ArrowRight", alt: true };
/** Cere oferte on Verificare: Ctrl+Enter (⌘↩ on macOS). */
export const QUOTE: Shortcut = { code: "Enter", primary: true };

/** What a key press asks of the wizard on `step`, if anything. */
export function wizardKey(
  event: KeyPress & Pick<Event, "target">,
  step: Step,
  mac = onMac(),
): "back" | "next" | "quote" | null {
  if (step === "review" && matches(event, QUOTE, mac)) return "quote";
  const move = matches(event, NEXT, mac) ? "next" : matches(event, BACK, mac) ? "back" : null;
  // On macOS Option+←/→ moves the caret by word inside a text field: there the field keeps the
  // keys. Elsewhere Alt+←/→ does nothing in a field, so the step changes from anywhere.
  if (move && mac && fromTextField(event)) return null;
  return move;
}
