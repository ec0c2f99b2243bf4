import { describe, expect, it } from "vitest";
import { render } from "svelte/server";
import { FakeBackend } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { QuoteWizard } from "./state.svelte";
import WizardHeader from "./WizardHeader.svelte";

describe("WizardHeader", () => {
  it("names the client, the plate and the vehicle, and says when the offers are out of date", async () => {
    setLanguage("ro");
    const fake = new FakeBackend();
    const wizard = new QuoteWizard(fake);
    await wizard.startNew();
    const go = () => {};
    let body = render(WizardHeader, { props: { wizard, go } }).body;
    expect(body).toContain("Client nou");
    expect(body).toContain("Fără oferte încă");
    // Five steps: Utilizator is part of Vehicul.
    expect(body.match(/id="step-/g)).toHaveLength(5);
    expect(body).not.toContain('id="step-user"');

    Object.assign(wizard.draft!.policyholder, { lastName: "Popescu", firstName: "Ion" });
    Object.assign(wizard.draft!.vehicle, { plate: "cj 12 abc", make: "dacia", model: "Logan", year: "2019" });
    const offer = { insurer: "grawe", displayName: "Grawe", waitingSince: null, outcome: { insurer: "grawe", displayName: "Grawe", state: { kind: "offers" } } };
    wizard.offers.lines = [offer as never];
    body = render(WizardHeader, { props: { wizard, go } }).body;
    expect(body).toContain("Popescu Ion");
    expect(body).toContain("CJ 12 ABC");
    expect(body).toContain("Dacia Logan 2019");
    expect(body).toContain("Oferte actuale");

    fake.check = () => ({ fields: {}, warnings: {}, insurerGaps: [], required: [], stale: ["grawe"] });
    await wizard.validate();
    body = render(WizardHeader, { props: { wizard, go } }).body;
    expect(body).toContain("Ofertele nu mai corespund datelor");
    expect(body).toContain('id="wizard-requote"');
  });
});
