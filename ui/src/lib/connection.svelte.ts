import type { Backend, ConnectionStatus, Message } from "./backend";
import { fieldProblems, problem } from "./errors";
import type { Sentence } from "./i18n/messages";

/** The agent's session as the frame shows it, and the login dialog's state. */
export class ConnectionState {
  status = $state<ConnectionStatus | null>(null);
  busy = $state(false);
  loginOpen = $state(false);
  /** Field messages of the last refused login (`account`, `password`). */
  errors = $state<Record<string, Message[]>>({});
  /** Why the session is as it is (a failed automatic login, a refusal); worded when shown. */
  notice = $state<Sentence | null>(null);

  /** Called after a login from the dialog succeeds (the frame starts the sync then). */
  onLogin: () => void = () => {};

  constructor(private readonly backend: Backend) {}

  /** Applies the environment in the settings; asks for a login where one is needed. */
  async connect(): Promise<void> {
    this.busy = true;
    try {
      this.status = await this.backend.connect();
      this.notice = this.status.notice;
      this.loginOpen = !this.status.loggedIn && this.status.environment !== "demo";
    } catch (e) {
      this.notice = problem(e);
    } finally {
      this.busy = false;
    }
  }

  async login(account: string, password: string, remember: boolean): Promise<boolean> {
    this.busy = true;
    try {
      this.status = await this.backend.login(account, password, remember);
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

  openLogin(): void {
    this.errors = {};
    this.loginOpen = true;
  }

  closeLogin(): void {
    this.loginOpen = false;
  }
}
