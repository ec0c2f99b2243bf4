import { describe, expect, it } from "vitest";
import { allCatalogues, interpolate, language, setLanguage, t } from "./index.svelte";

describe("catalogues", () => {
  it("define the same keys in ro and en, none empty", () => {
    const ro = Object.keys(allCatalogues.ro).sort();
    const en = Object.keys(allCatalogues.en).sort();
    expect(en).toEqual(ro);
    for (const lang of ["ro", "en"] as const) {
      for (const [key, text] of Object.entries(allCatalogues[lang])) {
        expect(text.trim(), `${lang}:${key}`).not.toBe("");
      }
    }
  });

  it("use comma-below ș and ț in Romanian, never the cedilla forms", () => {
    for (const [key, text] of Object.entries(allCatalogues.ro)) {
      expect(/[şţŞŢ]/.test(text), key).toBe(false);
    }
  });

  it("use the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(allCatalogues.ro) as (keyof typeof allCatalogues.ro)[]) {
      expect(names(allCatalogues.en[key]), key).toEqual(names(allCatalogues.ro[key]));
    }
  });
});

describe("t", () => {
  it("switches language at once", () => {
    setLanguage("ro");
    expect(t("nav.settings")).toBe("Setări");
    setLanguage("en");
    expect(language()).toBe("en");
    expect(t("nav.settings")).toBe("Settings");
    setLanguage("ro");
  });

  it("fills placeholders and keeps unknown ones visible", () => {
    expect(interpolate("{n} rate din {m}", { n: 4 })).toBe("4 rate din {m}");
    expect(t("settings.defaults.installments.many", { n: 12 })).toBe("12 rate");
  });
});
