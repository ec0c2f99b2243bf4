import { describe, expect, it } from "vitest";
import { digitOf, fromTextField, listStep, matches, onMac, shortcutLabel, type KeyPress } from "./shortcuts";

const key = (init: Partial<KeyPress> & { key?: string }): KeyPress & { key?: string } => ({ code: "", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init });

describe("shortcuts", () => {
  it("match the physical key, so Option+1 on macOS (key ¡) still fires", () => {
    const optionOne = key({ code: "Digit1", key: "¡", altKey: true });
    expect(matches(optionOne, { code: "Digit1", alt: true }, true)).toBe(true);
    expect(digitOf(optionOne)).toBe(1);
    expect(digitOf(key({ code: "KeyA", key: "1" }))).toBeNull();
  });

  it("use ⌘ on macOS and Ctrl elsewhere, and refuse extra modifiers", () => {
    const ctrlEnter = key({ code: "Enter", ctrlKey: true });
    const cmdEnter = key({ code: "Enter", metaKey: true });
    expect(matches(ctrlEnter, { code: "Enter", primary: true }, false)).toBe(true);
    expect(matches(cmdEnter, { code: "Enter", primary: true }, false)).toBe(false);
    expect(matches(cmdEnter, { code: "Enter", primary: true }, true)).toBe(true);
    expect(matches(ctrlEnter, { code: "Enter", primary: true }, true)).toBe(false);
    expect(matches(key({ code: "Enter", ctrlKey: true, shiftKey: true }), { code: "Enter", primary: true }, false)).toBe(false);
    expect(matches(key({ code: "NumpadEnter", ctrlKey: true }), { code: "Enter", primary: true }, false)).toBe(true);
  });

  it("label shortcuts as each OS writes them", () => {
    expect(shortcutLabel({ code: "Enter", primary: true }, false)).toBe("Ctrl+Enter");
    expect(shortcutLabel({ code: "Enter", primary: true }, true)).toBe("⌘↩");
    expect(shortcutLabel({ code: "Digit3", alt: true }, false)).toBe("Alt+3");
    expect(shortcutLabel({ code: "Digit3", alt: true }, true)).toBe("⌥3");
    expect(onMac("MacIntel")).toBe(true);
    expect(onMac("Win32")).toBe(false);
  });

  it("know text fields, where arrows belong to the caret", () => {
    const event = (tagName: string, type = "") => ({ target: { tagName, type, isContentEditable: false } as unknown as EventTarget });
    expect(fromTextField(event("INPUT", "text"))).toBe(true);
    expect(fromTextField(event("TEXTAREA"))).toBe(true);
    expect(fromTextField(event("INPUT", "checkbox"))).toBe(false);
    expect(fromTextField(event("BUTTON"))).toBe(false);
  });

  it("move a list with ↑/↓ from anywhere but a text field; ↓ in its search box enters it", () => {
    let taken = 0;
    const arrow = (code: string, tagName: string, id = "", type = "text") => ({
      ...key({ code }),
      target: { tagName, type, id, isContentEditable: false } as unknown as EventTarget,
      preventDefault: () => void taken++,
    });
    expect(listStep(arrow("ArrowDown", "TR"), "drafts-search")).toBe(1);
    expect(listStep(arrow("ArrowUp", "BUTTON"))).toBe(-1);
    expect(listStep(arrow("ArrowDown", "INPUT", "drafts-search"), "drafts-search")).toBe(0);
    expect(taken).toBe(3);
    expect(listStep(arrow("ArrowUp", "INPUT", "drafts-search"), "drafts-search")).toBeNull();
    expect(listStep(arrow("ArrowDown", "INPUT", "history-from"), "history-search")).toBeNull();
    expect(listStep(arrow("ArrowDown", "INPUT", "renewals-days"))).toBeNull();
    expect(listStep(arrow("Enter", "TR"))).toBeNull();
    expect(taken).toBe(3);
  });
});
