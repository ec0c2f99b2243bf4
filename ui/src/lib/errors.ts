// What the UI shows for a failed call. Every backend method throws a CommandError whose message
// is already written for the agent; anything else is a bug or a lost IPC call.

import { CommandError } from "./backend";
import { t } from "./i18n/index.svelte";

/** The failure's own message (a CommandError's is the agent-facing one). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A CommandError's message; anything else labelled as an unexpected error. */
export function errorText(e: unknown): string {
  return e instanceof CommandError ? e.message : t("error.unexpected", { message: errorMessage(e) });
}
