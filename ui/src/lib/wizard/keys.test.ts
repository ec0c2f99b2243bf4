import { describe, expect, it } from "vitest";
import { wizardKey } from "./keys";

const press = (code: string, mods: { alt?: boolean; ctrl?: boolean; meta?: boolean } = {}, target: unknown = null) => ({
  code,
  altKey: !!mods.alt,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: false,
  target: target as EventTarget | null,
});
const textField = { tagName: "INPUT", type: "text", isContentEditable: false };
const checkbox = { tagName: "INPUT", type: "checkbox", isContentEditable: false };

describe("wizardKey", () => {
  it("changes step with Alt+→ / Alt+←", () => {
    expect(wizardKey(press("ArrowRight", { alt: true }), "vehicle", false)).toBe("next");
    expect(wizardKey(press("ArrowLeft", { alt: true }), "vehicle", false)).toBe("back");
    expect(wizardKey(press("ArrowRight"), "vehicle", false)).toBeNull();
    expect(wizardKey(press("ArrowRight", { alt: true, ctrl: true }), "vehicle", false)).toBeNull();
  });

  it("leaves Option+←/→ to a text field on macOS, where it moves by word", () => {
    expect(wizardKey(press("ArrowRight", { alt: true }, textField), "vehicle", true)).toBeNull();
    expect(wizardKey(press("ArrowRight", { alt: true }, checkbox), "vehicle", true)).toBe("next");
    expect(wizardKey(press("ArrowLeft", { alt: true }), "vehicle", true)).toBe("back");
    // Elsewhere Alt+→ does nothing inside a field, so the step changes while typing.
    expect(wizardKey(press("ArrowRight", { alt: true }, textField), "vehicle", false)).toBe("next");
  });

  it("asks for offers with Ctrl+Enter (⌘↩) on Verificare only", () => {
    expect(wizardKey(press("Enter", { ctrl: true }), "review", false)).toBe("quote");
    expect(wizardKey(press("NumpadEnter", { ctrl: true }), "review", false)).toBe("quote");
    expect(wizardKey(press("Enter", { meta: true }), "review", true)).toBe("quote");
    expect(wizardKey(press("Enter", { ctrl: true }), "review", true)).toBeNull();
    expect(wizardKey(press("Enter", { ctrl: true }), "cover", false)).toBeNull();
    expect(wizardKey(press("Enter"), "review", false)).toBeNull();
  });
});
