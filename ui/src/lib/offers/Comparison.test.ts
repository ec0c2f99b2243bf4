import { afterEach, describe, expect, it } from "vitest";
import { render } from "svelte/server";
import { FakeBackend } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { QuoteWizard } from "../wizard/state.svelte";
import Comparison from "./Comparison.svelte";

describe("Comparison", () => {
  afterEach(() => setLanguage("ro"));

  it("words a reopened comparison's outcomes in the language in force", async () => {
    const fake = new FakeBackend();
    const floor = "product.policyholder.address.floor";
    fake.saved.set(3, {
      outcomes: [
        {
          insurer: "grawe", displayName: "Grawe", elapsedMs: 5,
          state: { kind: "rejected", message: { code: "serverValidation" }, fields: { [floor]: [{ code: "insurerRequires", insurer: "Grawe", path: floor }] } },
        },
        { insurer: "groupama", displayName: "Groupama", elapsedMs: 0, state: { kind: "notEnabled", reason: { code: "switchedOff" } } },
        { insurer: "generali", displayName: "Generali", elapsedMs: 9, state: { kind: "failed", message: { code: "timedOut" } } },
      ],
      unanswered: [],
      quotedAt: "2026-11-27T10:00:00Z",
    });
    const wizard = new QuoteWizard(fake);
    await wizard.startNew();
    await wizard.offers.open(3);
    const props = { wizard, offers: wizard.offers, retry: () => {}, requoteUnanswered: () => {} };

    setLanguage("ro");
    const ro = render(Comparison, { props }).body;
    expect(ro).toContain("Serverul a respins unele date; vedeți mesajele de la câmpuri.");
    expect(ro).toContain("Asigurătorul Grawe cere etajul din adresa asiguratului.");
    expect(ro).toContain("Dezactivat în setări.");
    expect(ro).toContain("Serverul CascoApi nu a răspuns la timp. Încercați din nou.");

    setLanguage("en");
    const en = render(Comparison, { props }).body;
    expect(en).toContain("The server rejected some data; see the messages at the fields.");
    expect(en).toContain("Grawe requires the floor in the policyholder's address.");
    expect(en).toContain("Switched off in settings.");
    expect(en).toContain("The CascoApi server did not answer in time. Try again.");
  });
});
