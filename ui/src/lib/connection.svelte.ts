import type { Backend, ConnectionStatus, Message } from "./backend";
import { fieldProblems, problem } from "./errors";
import type { MessageKey } from "./i18n/index.svelte";
import type { Sentence } from "./i18n/messages";

/**
 * Why a login did not go through, as the dialog explains it: each cause has its own fix.
 * `other` is anything else (a keychain refusal, a server message): it is shown as it is.
 */
export type LoginCause = "wrongCredentials" | "accountLocked" | "unreachable" | "other";

/** The cause of a refused or failed login, from the message the backend sent; null for none. */
export function loginCause(notice: Sentence | null): LoginCause | null {
  if (!notice) return null;
  if (!("code" in notice)) return "other";
  switch (notice.code) {
    case "wrongCredentials":
    case "accountLocked":
      return notice.code;
    // The host is down, does not answer in time, or answers with a redirect to elsewhere: the
    // network or the address in Setări is what the agent can check.
    case "cannotConnect":
    case "timedOut":
    case "redirected":
      return "unreachable";
    default:
      return "other";
  }
}

/** What the agent can do about `cause`, worded in the UI's catalogue; null when the message says it all. */
export function loginFix(cause: LoginCause | null): MessageKey | null {
  switch (cause) {
    case "wrongCredentials":
      return "login.fix.wrongCredentials";
    case "accountLocked":
      return "login.fix.accountLocked";
    case "unreachable":
      return "login.fix.unreachable";
    default:
      return null;
  }
}

/** The agent's session as the frame shows it, and the login dialog's state. */
export class ConnectionState {
  status = $state<ConnectionStatus | null>(null);
  busy = $state(false);
  loginOpen = $state(false);
  /**
   * The account typed in the login dialog. Kept here, not in the dialog, so a refusal, closing
   * and reopening the dialog, or a reconnect never lose it; the password is never kept.
   */
  account = $state("");
  /** Field messages of the last refused login (`account`, `password`). */
  errors = $state<Record<string, Message[]>>({});
  /** Why the session is as it is (a failed automatic login, a refusal); worded when shown. */
  notice = $state<Sentence | null>(null);
  /** The cause of the last refusal or failure, which picks the fix the dialog offers. */
  readonly cause = $derived(loginCause(this.notice));

  /** Called after a login from the dialog succeeds (the frame starts the sync then). */
  onLogin: () => void = () => {};

  constructor(private readonly backend: Backend) {}

  /** Applies the environment in the settings; asks for a login where one is needed. */
  async connect(): Promise<void> {
    this.busy = true;
    try {
      const before = this.status;
      this.status = await this.backend.connect();
      // A refusal the agent is reading stays through a reconnect to the same place (a save in
      // Setări, say); a new address, a session or a notice of the connect's own replace it.
      const samePlace = before?.baseUrl === this.status.baseUrl && before.environment === this.status.environment;
      if (!samePlace || this.status.notice || this.status.loggedIn) {
        this.notice = this.status.notice;
        this.errors = {};
      }
      // Demo's built-in account is no hint for another environment's login.
      if (this.status.account && this.status.environment !== "demo") this.account = this.status.account;
      this.loginOpen = !this.status.loggedIn && this.status.environment !== "demo";
    } catch (e) {
      this.notice = problem(e);
    } finally {
      this.busy = false;
    }
  }

  /** Logs in with the typed account; on refusal the dialog stays open with the cause. */
  async login(password: string, remember: boolean): Promise<boolean> {
    this.busy = true;
    try {
      this.status = await this.backend.login(this.account, password, remember);
      this.errors = {};
      this.notice = this.status.notice;
      this.loginOpen = false;
      this.onLogin();
      return true;
    } catch (e) {
      this.errors = fieldProblems(e);
      this.notice = problem(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async logout(): Promise<void> {
    this.busy = true;
    try {
      this.status = await this.backend.logout();
      this.notice = null;
    } catch (e) {
      this.notice = problem(e);
    } finally {
      this.busy = false;
    }
  }

  /** Opens the dialog from the top bar: a fresh try, with the account as last typed. */
  openLogin(): void {
    this.errors = {};
    this.notice = null;
    this.loginOpen = true;
  }

  closeLogin(): void {
    this.loginOpen = false;
  }
}
