// What the UI shows for a failed call. Every backend method throws a CommandError carrying the
// Rust side's `{ code, message, fields }`; anything else is a bug or a lost IPC call. Both are
// kept as data (a Sentence) and worded when shown, in the language in force then.

import { CommandError, type Message } from "./backend";
import type { Sentence } from "./i18n/messages";

/** What to tell the agent about `e`: a CommandError's message; anything else as unexpected. */
export function problem(e: unknown): Sentence {
  if (e instanceof CommandError) return e.error.message;
  return { key: "error.unexpected", params: { message: e instanceof Error ? e.message : String(e) } };
}

/** A CommandError's field messages by path; none for any other failure. */
export function fieldProblems(e: unknown): Record<string, Message[]> {
  return e instanceof CommandError ? e.fields : {};
}
