// Opening drafts from the book in the wizard: a past draft at the step asked for (Istoric
// reopens a comparison at Oferte with no API call: the wizard reads the saved comparison), and
// a new draft the book just made (Recotează, Ofertă nouă pentru client, Copiază și recotează,
// Recotează pentru reînnoire), opened at step 1 by its id.

import type { WizardStep } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";
import type { QuoteWizard } from "../wizard/state.svelte";

/** Opens draft `id` (at `step` when given); null when it opened, else why it did not. */
export async function openDraft(wizard: QuoteWizard, id: number, step?: WizardStep): Promise<Sentence | null> {
  try {
    if (!(await wizard.openId(id))) return { key: "book.draftGone" };
  } catch (e) {
    return problem(e);
  }
  if (step) wizard.goTo(step);
  return null;
}

/** Asks the book for a new draft (`make` answers its id) and opens it; null when it opened, else why not. */
export async function openNewDraft(wizard: QuoteWizard, make: () => Promise<number | null>): Promise<Sentence | null> {
  let id: number | null;
  try {
    // What is typed in the draft open now is stored first: the book reads the latest drafts.
    await wizard.flush();
    id = await make();
  } catch (e) {
    return { key: "book.newDraftFailed", params: { message: problem(e) } };
  }
  if (id === null) return { key: "book.nothingToCopy" };
  return openDraft(wizard, id);
}
