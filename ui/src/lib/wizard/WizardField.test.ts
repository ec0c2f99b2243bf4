import { afterEach, describe, expect, it, vi } from "vitest";
import { render } from "svelte/server";
import type { Message } from "../backend";
import { FakeBackend } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { fieldByPath, fieldId } from "./fields";
import { QuoteWizard } from "./state.svelte";
import WizardField from "./WizardField.svelte";

describe("WizardField", () => {
  afterEach(() => vi.useRealTimers());

  it("shows a radio field's messages under its options, in the language in force", async () => {
    vi.useFakeTimers();
    setLanguage("ro");
    const fake = new FakeBackend();
    const path = "product.policyholder.isLegalEntity";
    fake.check = () => ({ fields: { [path]: [{ code: "required" }] }, warnings: {}, insurerGaps: [], required: [], stale: [] });
    const wizard = new QuoteWizard(fake);
    await wizard.startNew();
    await wizard.validate();
    wizard.goTo("review"); // every step passed: all messages show
    const spec = fieldByPath(path)!;
    expect(spec.kind).toBe("radio");
    const { body } = render(WizardField, { props: { wizard, spec } });
    expect(body).toContain(`id="${fieldId(path)}-error"`);
    expect(body).toContain("Câmp obligatoriu.");
    setLanguage("en");
    expect(render(WizardField, { props: { wizard, spec } }).body).toContain("Required field.");
    setLanguage("ro");
  });

  it("shows an amount's currency, and a catalogue warning under the field as a warning", async () => {
    setLanguage("ro");
    const fake = new FakeBackend();
    const path = "product.vehicle.marketValue";
    const far: Message = { code: "farFromCatalogue", values: [{ insurer: "Allianz", amount: "26300.00", currency: "RON" }] };
    fake.check = () => ({ fields: {}, warnings: { [path]: [far] }, insurerGaps: [], required: [], stale: [] });
    const wizard = new QuoteWizard(fake);
    await wizard.startNew();
    wizard.draft!.cover.currency = "RON";
    await wizard.validate();
    const spec = fieldByPath(path)!;
    const body = render(WizardField, { props: { wizard, spec } }).body;
    expect(body).toContain(`id="${fieldId(path)}-unit"`);
    expect(body).toMatch(/class="unit"[^>]*>lei</);
    expect(body).toContain(`id="${fieldId(path)}-warning"`);
    expect(body).toContain("26.300,00 lei (Allianz)");
    expect(body).not.toContain(`${fieldId(path)}-error`);
    wizard.draft!.cover.currency = "EUR";
    expect(render(WizardField, { props: { wizard, spec } }).body).toMatch(/class="unit"[^>]*>EUR</);
  });

  it("marks a field an insurer asks for, with a way back to Oferte once offers exist", async () => {
    setLanguage("ro");
    const fake = new FakeBackend();
    const path = "product.policyholder.address.floor";
    const gap = (n: string) => ({ insurer: n.toLowerCase(), displayName: n, path, message: { code: "insurerRequires", insurer: n, path } as const });
    fake.check = () => ({ fields: {}, warnings: {}, insurerGaps: [gap("Grawe")], required: [], stale: [] });
    const wizard = new QuoteWizard(fake);
    await wizard.startNew();
    await wizard.validate();
    const spec = fieldByPath(path)!;
    let body = render(WizardField, { props: { wizard, spec } }).body;
    expect(body).toContain("Necesar pentru Grawe");
    expect(body).not.toContain("Înapoi la Oferte");
    wizard.offers.lines = [{ insurer: "grawe", displayName: "Grawe", waitingSince: null, outcome: null }];
    body = render(WizardField, { props: { wizard, spec } }).body;
    expect(body).toContain(`id="${fieldId(path)}-to-offers"`);
    expect(body).toContain("Înapoi la Oferte");
    // Many insurers: a count, every name in the tooltip.
    fake.check = () => ({ fields: {}, warnings: {}, insurerGaps: ["Grawe", "Allianz", "Generali", "Uniqa"].map(gap), required: [], stale: [] });
    await wizard.validate();
    body = render(WizardField, { props: { wizard, spec } }).body;
    expect(body).toContain("Necesar pentru 4 asigurători");
    expect(body).toContain('title="Grawe, Allianz, Generali, Uniqa"');
  });

  it("offers the optional covers as checkboxes with Romanian labels", async () => {
    setLanguage("ro");
    const wizard = new QuoteWizard(new FakeBackend());
    await wizard.startNew();
    wizard.draft!.cover.extraCoverages = ["glass"];
    const spec = fieldByPath("product.coverages")!;
    const body = render(WizardField, { props: { wizard, spec } }).body;
    expect(body.match(/type="checkbox"/g)).toHaveLength(8);
    expect(body).toContain("Asistență rutieră");
    expect(body).toMatch(/id="f-product-coverages-glass"[^>]*checked/);
    expect(body).not.toMatch(/id="f-product-coverages-theft"[^>]*checked/);
  });
});
