import { afterEach, describe, expect, it, vi } from "vitest";
import { render } from "svelte/server";
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
});
