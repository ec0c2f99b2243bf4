import { Channel } from "@tauri-apps/api/core";
import { commands, type Result } from "../bindings";
import { CommandError, type AppError, type Backend, type InsurerOutcome, type SyncProgress } from "./types";

function unwrap<T>(outcome: Result<T, AppError>): T {
  if (outcome.status === "ok") return outcome.data;
  // Tauri itself rejects with a plain string (e.g. arguments that fail to deserialize).
  const e: unknown = outcome.error;
  const isShape = typeof e === "object" && e !== null && "code" in e && "message" in e;
  throw new CommandError(isShape ? (e as AppError) : { code: "internal", message: { code: "unexpected", detail: String(e) } });
}

/** A Channel that hands each message to `onMessage`. */
function channel<T>(onMessage: (message: T) => void): never {
  const c = new Channel<T>();
  c.onmessage = onMessage;
  // tauri-specta rc.21 declares its channel parameter type as `null`; the runtime value is
  // this Channel, which Tauri serialises into the command's channel argument.
  return c as never;
}

/** The backend of the real app, built on the generated bindings. */
export const tauriBackend: Backend = {
  getSettings: () => commands.getSettings(),
  saveSettings: async (settings) => unwrap(await commands.saveSettings(settings)),
  chooseAgencyLogo: async () => unwrap(await commands.chooseAgencyLogo()),
  agencyLogo: async (file) => unwrap(await commands.agencyLogo(file)),
  connect: async () => unwrap(await commands.connect()),
  login: async (account, password, remember) => unwrap(await commands.login(account, password, remember)),
  logout: async () => unwrap(await commands.logout()),
  listInsurers: async () => unwrap(await commands.listInsurers()),
  setInsurerEnabled: async (insurer, enabled) => unwrap(await commands.setInsurerEnabled(insurer, enabled)),
  saveInsurerCredentials: async (insurer, account, password, code) =>
    unwrap(await commands.saveInsurerCredentials(insurer, account, password, code)),
  forgetInsurerCredentials: async (insurer) => unwrap(await commands.forgetInsurerCredentials(insurer)),
  syncReferenceData: async (force, onProgress) =>
    unwrap(await commands.syncReferenceData(force, channel<SyncProgress>(onProgress))),
  cancelReferenceSync: () => commands.cancelReferenceSync(),
  referenceDataStatus: async () => unwrap(await commands.referenceDataStatus()),
  startNotices: () => commands.startNotices(),
  checkOnline: async () => unwrap(await commands.checkOnline()),
  searchCountries: async (query) => unwrap(await commands.searchCountries(query)),
  searchCounties: async (query) => unwrap(await commands.searchCounties(query)),
  searchLocalities: async (county, query) => unwrap(await commands.searchLocalities(county, query)),
  searchMakes: async (query) => unwrap(await commands.searchMakes(query)),
  searchModels: async (make, query) => unwrap(await commands.searchModels(make, query)),
  newQuoteDraft: () => commands.newQuoteDraft(),
  validateQuoteDraft: (id, draft) => commands.validateQuoteDraft(id, draft),
  cnpPrefill: (cnp) => commands.cnpPrefill(cnp),
  saveQuoteDraft: async (id, draft) => unwrap(await commands.saveQuoteDraft(id, draft)),
  loadQuoteDraft: async (id) => unwrap(await commands.loadQuoteDraft(id)),
  listQuoteDrafts: async () => unwrap(await commands.listQuoteDrafts()),
  discardQuoteDraft: async (id) => unwrap(await commands.discardQuoteDraft(id)),
  restoreQuoteDraft: async (id) => unwrap(await commands.restoreQuoteDraft(id)),
  lastOpenQuoteDraft: async () => unwrap(await commands.lastOpenQuoteDraft()),
  identifyQuoteVehicle: async (draftId, draft) => unwrap(await commands.identifyQuoteVehicle(draftId, draft)),
  quoteOffers: async (draftId, draft, only, onOutcome) =>
    unwrap(await commands.quoteOffers(draftId, draft, only, channel<InsurerOutcome>(onOutcome))),
  savedComparison: async (draftId) => unwrap(await commands.savedComparison(draftId)),
  compareOffers: (outcomes, filter) => commands.compareOffers(outcomes, filter),
  copyQuoteDraft: async (id) => unwrap(await commands.copyQuoteDraft(id)),
  documentsFolder: () => commands.documentsFolder(),
  draftDocuments: async (draftId) => unwrap(await commands.draftDocuments(draftId)),
  openOfferDocument: async (draftId, offerId) => unwrap(await commands.openOfferDocument(draftId, offerId)),
  openPolicyDocument: async (draftId, offerId) => unwrap(await commands.openPolicyDocument(draftId, offerId)),
  makeProposal: async (draftId, request) => unwrap(await commands.makeProposal(draftId, request)),
  openDocument: async (id) => unwrap(await commands.openDocument(id)),
  revealDocument: async (id) => unwrap(await commands.revealDocument(id)),
  paymentForm: async (draftId, offerId) => unwrap(await commands.paymentForm(draftId, offerId)),
  checkPayment: async (draftId, offerId, payment) => unwrap(await commands.checkPayment(draftId, offerId, payment)),
  issuePolicy: async (draftId, offerId, payment) => unwrap(await commands.issuePolicy(draftId, offerId, payment)),
  verifyPolicyIssue: async (offerId) => unwrap(await commands.verifyPolicyIssue(offerId)),
  offerIssues: async (draftId) => unwrap(await commands.offerIssues(draftId)),
  apiCalls: async (limit) => unwrap(await commands.apiCalls(limit)),
  exportApiLog: async () => unwrap(await commands.exportApiLog()),
  searchClients: (query) => commands.searchClients(query),
  clientPage: async (clientId) => unwrap(await commands.clientPage(clientId)),
  newDraftForClient: async (clientId) => unwrap(await commands.newDraftForClient(clientId)),
  requoteVehicle: async (clientId, vehicleId) => unwrap(await commands.requoteVehicle(clientId, vehicleId)),
  requoteRenewal: async (offerId) => unwrap(await commands.requoteRenewal(offerId)),
  copyAndRequote: async (draftId) => unwrap(await commands.copyAndRequote(draftId)),
  history: async (filter) => unwrap(await commands.history(filter)),
  renewals: async () => unwrap(await commands.renewals()),
  firstScreenReady: (timing) => commands.firstScreenReady(timing),
};
