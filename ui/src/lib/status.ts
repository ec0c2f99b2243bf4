// The top bar's one status indicator: environment, network and login as a single state, so
// the frame can never say "Fără conexiune" and "Conectat" at the same time (issue 12). Pure: the
// frame passes what it knows, the indicator renders what comes back.

import type { EnvironmentKind } from "./backend";
import type { MessageKey } from "./i18n/index.svelte";

/** What the frame knows about the session and the network. */
export interface StatusFacts {
  environment: EnvironmentKind;
  /** The last probe of the API host answered (the probe runs every few seconds). */
  online: boolean;
  loggedIn: boolean;
  account: string | null;
  /** A connect or a login is under way, or the session is not known yet. */
  connecting: boolean;
  /** Reference lists are downloading. */
  syncing: boolean;
}

/**
 * One state, most pressing first:
 * - `connecting`: a connect or login is under way; nothing else is known for sure.
 * - `offline`: the API host does not answer; neutral information (lists still search from the
 *   store), never an error colour. A live session is named by its account, not as "connected".
 * - `loggedOut`: the host answers but there is no session: the agent must log in to quote.
 * - `syncing`: connected, and reference lists are downloading.
 * - `connected`: connected and idle.
 */
export type StatusState = "connecting" | "offline" | "loggedOut" | "syncing" | "connected";

/** How the indicator looks: `ok` green, `attention` amber (an action is needed), `neutral` grey, `busy` blue. */
export type StatusTone = "ok" | "attention" | "neutral" | "busy";

export interface FrameStatus {
  state: StatusState;
  tone: StatusTone;
  /** The environment's label: DEMO, QA, Personalizat. */
  envKey: MessageKey;
  /** The indicator's wording, with `params`. */
  key: MessageKey;
  params: Record<string, string>;
  /** The longer explanation in the indicator's tooltip. */
  titleKey: MessageKey;
}

const ENV_KEYS: Record<EnvironmentKind, MessageKey> = { demo: "env.demo", qa: "env.qa", custom: "env.custom" };

/** The single state the top bar shows for `facts`. */
export function frameStatus(facts: StatusFacts): FrameStatus {
  const envKey = ENV_KEYS[facts.environment];
  const account = facts.account ?? "";
  const shown = (state: StatusState, tone: StatusTone, key: MessageKey, titleKey: MessageKey): FrameStatus => ({
    state,
    tone,
    envKey,
    key,
    params: { account },
    titleKey,
  });
  if (facts.connecting) return shown("connecting", "busy", "status.connecting", "status.connecting.title");
  if (!facts.online) {
    return facts.loggedIn && account !== ""
      ? shown("offline", "neutral", "status.offline.account", "status.offline.title")
      : shown("offline", "neutral", "status.offline", "status.offline.title");
  }
  if (!facts.loggedIn) return shown("loggedOut", "attention", "status.loggedOut", "status.loggedOut.title");
  if (facts.syncing) return shown("syncing", "ok", "status.syncing", "status.syncing.title");
  return shown("connected", "ok", "status.connected", "status.connected.title");
}
