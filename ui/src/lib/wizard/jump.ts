// Links from a message to the wizard field it is about (the review's list, an insurer's
// VALIDATION_ERROR in the comparison).

import { tick } from "svelte";
import type { QuoteDraft, WizardStep } from "../backend";
import { t } from "../i18n/index.svelte";
import { fieldByPath, fieldId, labelOf, stepOf } from "./fields";
import type { QuoteWizard } from "./state.svelte";

/** The field's label as the form shows it; the request path when no field has it. */
export function fieldLabel(path: string, draft: QuoteDraft): string {
  const spec = fieldByPath(path);
  return spec ? t(labelOf(spec, draft)) : path;
}

/** Focuses the first enabled control of the step form under `root`. */
export function focusFirstField(root: ParentNode = document): void {
  root.querySelector<HTMLElement>(".step-form input:not([disabled]), .step-form select:not([disabled])")?.focus();
}

/** Opens `step` and focuses the field at `path` (or the step's first field). */
export async function jumpToField(wizard: QuoteWizard, step: WizardStep, path?: string): Promise<void> {
  wizard.goTo(step);
  await tick();
  if (path) document.getElementById(fieldId(path))?.focus();
  else focusFirstField();
}

/** Opens the step of the request path `path` and focuses its field. */
export function jumpToPath(wizard: QuoteWizard, path: string): Promise<void> {
  return jumpToField(wizard, stepOf(path), path);
}
