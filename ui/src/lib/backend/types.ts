import type { AppError, commands, ErrorCode, InsurerOutcome, Message, Result, SyncProgress } from "../bindings";
import { render } from "../i18n/messages";

// Components import every IPC type from the backend, never from the bindings directly.
export type * from "../bindings";
export { CURRENCY_CHOICES, INSTALLMENT_CHOICES, TERM_MONTH_CHOICES } from "./choices";

/**
 * A command failure in the app's one error shape; thrown by every backend method. It keeps the
 * error as data: `message` is rendered when it is read, in the language in force then.
 */
export class CommandError extends Error {
  constructor(readonly error: AppError) {
    super();
    this.name = "CommandError";
  }

  get code(): ErrorCode {
    return this.error.code;
  }

  /** Field messages by dotted path (`agency.email`, `product.vehicle.vin`). */
  get fields(): Record<string, Message[]> {
    return (this.error.fields ?? {}) as Record<string, Message[]>;
  }

  /** The message in the language in force (Error's own `message` is never set). */
  override get message(): string {
    return render(this.error.message);
  }
}

type Commands = typeof commands;
/** A command's answer as the backend gives it: a `Result` unwrapped (errors are thrown). */
type Answer<R> = [R] extends [Result<infer T, AppError>] ? T : R;
/** A plain command: the same arguments, the answer unwrapped. */
type Call<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<Answer<R>> : never;
/** A command with a Channel as its last argument: a callback in its place. */
type Streamed<F, T> = F extends (...args: [...infer A, infer _channel]) => Promise<infer R>
  ? (...args: [...A, onMessage: (message: T) => void]) => Promise<Answer<R>>
  : never;

/**
 * What each streaming command sends on its Channel. tauri-specta types a Channel argument as
 * `null`, so the message type is named here: the one hand-written line per streaming command.
 */
interface Streams {
  syncReferenceData: SyncProgress;
  quoteOffers: InsurerOutcome;
}

/**
 * Everything the UI asks of the Rust side, derived from the generated `commands`: a new Rust
 * command appears here by itself. Every method throws a CommandError on failure. Components
 * use this, never `invoke`.
 */
export type Backend = {
  [K in keyof Commands]: K extends keyof Streams ? Streamed<Commands[K], Streams[K]> : Call<Commands[K]>;
};
