import { describe, expect, it } from "vitest";
import { sectionShortcut, sectionShortcutLabel } from "./navigation";
import type { KeyPress } from "./shortcuts";
import { contextMenuAllowed, guardWebview, isBrowserShortcut } from "./webview";

const key = (init: Partial<KeyPress> & { key?: string }): KeyPress & { key?: string } => ({
  code: "",
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...init,
});

describe("isBrowserShortcut", () => {
  it("catches reload, print and find with Ctrl elsewhere and ⌘ on macOS", () => {
    for (const mac of [false, true]) {
      const primary = mac ? { metaKey: true } : { ctrlKey: true };
      expect(isBrowserShortcut(key({ code: "F5" }), mac)).toBe(true);
      expect(isBrowserShortcut(key({ code: "KeyR", ...primary }), mac)).toBe(true);
      expect(isBrowserShortcut(key({ code: "KeyR", shiftKey: true, ...primary }), mac)).toBe(true);
      expect(isBrowserShortcut(key({ code: "KeyP", ...primary }), mac)).toBe(true);
      expect(isBrowserShortcut(key({ code: "KeyF", ...primary }), mac)).toBe(true);
    }
    // Ctrl+Shift+R and Ctrl+F5 on Windows and Linux.
    expect(isBrowserShortcut(key({ code: "KeyR", ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(isBrowserShortcut(key({ code: "F5", ctrlKey: true }), false)).toBe(true);
  });

  it("matches the physical key: a layout that puts another letter there still counts", () => {
    expect(isBrowserShortcut(key({ code: "KeyR", key: "к", ctrlKey: true }), false)).toBe(true);
    expect(isBrowserShortcut(key({ code: "KeyK", key: "r", ctrlKey: true }), false)).toBe(false);
  });

  it("leaves editing keys and plain typing alone", () => {
    for (const code of ["KeyC", "KeyV", "KeyX", "KeyA", "KeyZ", "KeyY"]) {
      expect(isBrowserShortcut(key({ code, ctrlKey: true }), false), code).toBe(false);
      expect(isBrowserShortcut(key({ code, metaKey: true }), true), code).toBe(false);
    }
    expect(isBrowserShortcut(key({ code: "KeyZ", ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isBrowserShortcut(key({ code: "KeyR" }), false)).toBe(false);
    expect(isBrowserShortcut(key({ code: "KeyF" }), true)).toBe(false);
    // ⌘R on Windows is the Windows key, not the browser's reload: left to the OS.
    expect(isBrowserShortcut(key({ code: "KeyR", metaKey: true }), false)).toBe(false);
  });
});

describe("contextMenuAllowed", () => {
  const inField = { closest: (sel: string) => (sel.includes("input") ? {} : null) } as unknown as EventTarget;
  const onPage = { closest: () => null } as unknown as EventTarget;
  it("opens in editable fields and on selected text, nowhere else", () => {
    expect(contextMenuAllowed(inField, "")).toBe(true);
    expect(contextMenuAllowed(onPage, "CLUJ-NAPOCA")).toBe(true);
    expect(contextMenuAllowed(onPage, "")).toBe(false);
    expect(contextMenuAllowed(null, " ")).toBe(false);
  });
});

describe("guardWebview", () => {
  function fakeWindow(selection = "") {
    const listeners: { type: string; fn: (e: Event) => void; capture: boolean }[] = [];
    const win = {
      addEventListener: (type: string, fn: (e: Event) => void, opts: AddEventListenerOptions) =>
        listeners.push({ type, fn, capture: !!opts?.capture }),
      getSelection: () => ({ toString: () => selection }),
    } as unknown as Window;
    const fire = (type: string, init: object) => {
      let prevented = false;
      const event = { ...init, preventDefault: () => (prevented = true) } as unknown as Event;
      for (const l of listeners.filter((l) => l.type === type)) l.fn(event);
      return prevented;
    };
    return { win, listeners, fire };
  }

  it("listens in the capture phase and cancels only the browser's keys", () => {
    const { win, listeners, fire } = fakeWindow();
    guardWebview(win);
    expect(listeners.every((l) => l.capture)).toBe(true);
    expect(fire("keydown", key({ code: "F5" }))).toBe(true);
    expect(fire("keydown", key({ code: "KeyC", ctrlKey: true, metaKey: false }))).toBe(false);
    expect(fire("contextmenu", { target: { closest: () => null } })).toBe(true);
    expect(fire("contextmenu", { target: { closest: () => ({}) } })).toBe(false);
  });
});

describe("section shortcuts", () => {
  it("fire on Alt+digit by physical key, also when Option+1 types ¡ on macOS", () => {
    expect(sectionShortcut(key({ code: "Digit1", key: "¡", altKey: true }), 5, true)).toBe(0);
    expect(sectionShortcut(key({ code: "Digit5", key: "5", altKey: true }), 5, false)).toBe(4);
    expect(sectionShortcut(key({ code: "Numpad2", altKey: true }), 5, false)).toBe(1);
  });

  it("ignore other digits, other modifiers and plain digits", () => {
    expect(sectionShortcut(key({ code: "Digit6", altKey: true }), 5, false)).toBeNull();
    expect(sectionShortcut(key({ code: "Digit1" }), 5, false)).toBeNull();
    expect(sectionShortcut(key({ code: "Digit1", altKey: true, ctrlKey: true }), 5, false)).toBeNull();
    // AltGr on Windows reports Ctrl+Alt: never a section jump.
    expect(sectionShortcut(key({ code: "Digit2", altKey: true, ctrlKey: true }), 5, false)).toBeNull();
    expect(sectionShortcut(key({ code: "KeyA", key: "1", altKey: true }), 5, false)).toBeNull();
  });

  it("are labelled as each OS writes them", () => {
    expect(sectionShortcutLabel(0, false)).toBe("Alt+1");
    expect(sectionShortcutLabel(4, true)).toBe("⌥5");
  });
});
