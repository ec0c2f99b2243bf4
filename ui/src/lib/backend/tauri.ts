import { commands } from "../bindings";
import { CommandError, type AppError, type Backend } from "./types";

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "error") throw new CommandError(outcome.error);
  return outcome.data;
}

/** The backend of the real app, built on the generated bindings. */
export const tauriBackend: Backend = {
  getSettings: () => commands.getSettings(),
  saveSettings: async (settings) => unwrap(await commands.saveSettings(settings)),
  chooseAgencyLogo: async () => unwrap(await commands.chooseAgencyLogo()),
  agencyLogo: async (file) => unwrap(await commands.agencyLogo(file)),
};
