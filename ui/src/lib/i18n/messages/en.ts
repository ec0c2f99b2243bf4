// English sentences for the Rust side's message codes; the same codes as ro.ts (the type
// makes a missing one a build error).

import type { ListKind } from "../../bindings";
import { formatDate, formatMoney } from "../../format";
import { PAYMENT_METHODS_EN } from "./payment";
import { fieldPhrase, groupedAmounts, type FieldPhrases, type MessageCatalogue } from "./catalogue";

/** Fields insurers require beyond the spec, as they read in "X requires …". */
export const REQUIRED_FIELDS_EN: FieldPhrases = {
  "product.vehicle.ptiExpiryDate": "the vehicle's PTI (ITP) expiry date",
  "product.additionalData.motor.leasingContractNumber": "the leasing contract number",
  "product.policyholder.email": "the policyholder's e-mail address",
  "product.policyholder.mobileNumber": "the policyholder's mobile number",
  "product.additionalData.vehicle.user.bonusMalusClass": "the vehicle user's bonus-malus class",
  "product.vehicle.identification.idNumber": "the vehicle registration certificate (CIV) number",
  "product.policyholder.address.floor": "the floor in the policyholder's address",
  "product.vehicle.currentMileage": "the vehicle's current mileage",
  "product.policyholder.drivingLicense.issueDate": "the policyholder's driving licence issue date",
  "product.policyholder.address.houseNumber": "the house number in the policyholder's address",
};

function listLabel(list: ListKind, of: string | null): string {
  switch (list) {
    case "countries":
      return "Countries";
    case "counties":
      return "Counties";
    case "makes":
      return "Vehicle makes";
    case "localities":
      return of ? `Localities — ${of}` : "Localities";
    case "models":
      return of ? `Models — ${of}` : "Models";
  }
}

function listName(list: ListKind, of: string | null): string {
  switch (list) {
    case "countries":
      return "The list of countries";
    case "counties":
      return "The list of counties";
    case "makes":
      return "The list of vehicle makes";
    case "localities":
      return of ? `The list of localities for county ${of}` : "The list of localities";
    case "models":
      return of ? `The list of models for make ${of}` : "The list of models";
  }
}

export const en: MessageCatalogue = {
  // Forms: settings, login, the wizard
  required: () => "Required field.",
  invalidEmail: () => "The e-mail address is not valid (example: name@company.ro).",
  invalidUrl: () => "The address must start with http:// or https:// (example: https://api.example.com).",
  insecureUrl: () =>
    "Use an https:// address. http:// is accepted only for this computer (127.0.0.1, localhost); otherwise the password would travel unencrypted.",
  credentialsInUrl: () => "The address cannot contain an account or a password; enter them when you log in.",
  invalidPhone: () => "The phone number is not valid (example: 0712 345 678 or +40 21 123 4567).",
  notAllowed: (m) => `Allowed values: ${m.allowed}.`,
  oneOf: (m) => `Value not allowed; choose one of: ${m.allowed}.`,
  outOfRange: (m) => `The value must be between ${m.min} and ${m.max}.`,
  timeoutOutOfRange: (m) => `The waiting time must be between ${m.min} and ${m.max} seconds.`,
  tooLong: (m) => `At most ${m.max} characters.`,
  unknownValue: () => "Unknown value; choose one from the list.",
  fixHighlighted: () => "Fix the highlighted fields; nothing was saved.",
  logoNotImage: () => "The logo must be a PNG or JPEG image.",
  logoTooLarge: (m) => `The logo can be at most ${m.maxKb} KB.`,
  accountRequired: () => "Enter the CascoApi account.",
  passwordRequired: () => "Enter the password.",

  // The wizard's field checks
  cnpFormat: () => "Invalid CNP: it must have exactly 13 digits.",
  cnpFirstDigit: () => "Invalid CNP: the first digit must be 1 to 9.",
  cnpControl: () => "Invalid CNP: the check digit does not match.",
  cnpDate: () => "Invalid CNP: its birth date is not a calendar date.",
  cnpCounty: () => "Invalid CNP: the county code (digits 8–9) must be 01 to 52.",
  cnpSerial: () => "Invalid CNP: the serial number (digits 10–12) cannot be 000.",
  birthdateNotCnp: () => "The birth date does not match the CNP.",
  genderNotCnp: () => "The sex does not match the CNP.",
  cuiFormat: () => "Invalid CUI: 2 to 10 digits, optionally preceded by RO.",
  cuiControl: () => "Invalid CUI: the check digit does not match.",
  foreignTaxId: () => "Invalid tax id: 2 to 20 letters and digits.",
  vinLength: () => "Invalid VIN: it has exactly 17 characters.",
  vinChars: () => "Invalid VIN: letters and digits only, without I, O and Q.",
  plate: () => "Invalid licence plate (e.g. B 123 ABC, CJ 12 ABC).",
  temporaryPlate: () => "Invalid temporary plate (e.g. B 012345, CJ 0123).",
  foreignPlate: () => "Invalid licence plate: 2 to 12 letters and digits.",
  emailFormat: () => "Invalid e-mail address.",
  mobile: () => "Invalid mobile number (e.g. 0712 345 678 or +40 712 345 678).",
  caen: () => "Invalid CAEN code: 4 digits.",
  postcode: () => "Invalid postcode: 6 digits.",
  countryCode: () => "Invalid country code: two letters (e.g. RO).",
  notInteger: () => "Enter a whole number.",
  notNumber: () => "Enter a number.",
  date: () => "Invalid date (e.g. 31.03.2025).",
  dateInFuture: () => "The date cannot be in the future.",
  dateTooOld: () => "The date cannot be before 1900.",
  birthdateTooOld: () => "The birth date cannot be more than 120 years ago.",
  licenceBefore18: () => "A driving licence can only be obtained from age 18.",
  registrationBeforeConstruction: () => "The first registration cannot be well before the year of construction.",
  startNotTomorrow: () => "The start date must be tomorrow or later for a registered vehicle.",
  startInPast: () => "The start date cannot be in the past.",
  startTooFar: () => "The start date cannot be more than a year from today.",
  bonusMalusClass: () => "The bonus-malus class must be B0–B8 or M1–M8.",
  completeGroup: () => "Fill in this field as well.",
  insurerRequires: (m) => `${m.insurer} requires ${fieldPhrase(REQUIRED_FIELDS_EN, m.path, "en")}.`,

  // Talking to CascoApi
  cannotConnect: () =>
    "The CascoApi server cannot be reached. Check the internet connection and the address in Settings.",
  timedOut: () => "The CascoApi server did not answer in time. Try again.",
  wrongCredentials: () => "The account or the password is not correct.",
  accountLocked: () => "The CascoApi account is locked. Call the broker's support to unlock it.",
  farFromCatalogue: (m) =>
    `More than 20% away from the insurers' catalogue value: ${groupedAmounts(m.values, "en")}.`,
  productChosen: (m) =>
    m.vehicles === "leased"
      ? `Product ${m.product}, for leased vehicles.`
      : m.vehicles === "owned"
        ? `Product ${m.product}, for vehicles not leased.`
        : `Product ${m.product}.`,
  noProductFor: (m) =>
    m.leased
      ? "No CASCO product for leased vehicles; not asked."
      : "A product for leased vehicles only; not asked.",
  sessionRefused: () => "The server refused the session. Log in again.",
  serverRefused: (m) => `The server refused the request: ${m.message}`,
  serverSaid: (m) => m.text,
  // A sentence an earlier release stored already worded: shown as it was written.
  asShown: (m) => m.text,
  badAnswer: () => "The server sent an answer that cannot be read; the details are in the app log.",
  serverValidation: () => "The server rejected some data; see the messages at the fields.",
  redirected: (m) =>
    `The CascoApi server forwarded the request to ${m.host}. Casco Desk does not follow redirects, so passwords and client data never reach another address. Check the address in Settings.`,
  answerTooLarge: () => "The server's answer is larger than the accepted limit and was refused; nothing was saved.",
  notLoggedIn: () => "You are not logged in. Press “Log in”.",
  demoCredentialsBuiltIn: () => "In the Demo environment the insurers' credentials are built in and cannot be changed.",
  keychainUnavailable: () => "The system keychain is not available; the password was not kept.",
  keychainTooLong: (m) =>
    `The login was not kept: the system keychain takes at most ${m.limit} bytes per entry and the value has ${m.bytes}. You will log in at the next start.`,

  // Quoting
  switchedOff: () => "Switched off in settings.",
  credentialsMissing: () => "The insurer's credentials are missing.",
  cannotSendRequest: () => "The request cannot be sent: complete the marked fields.",
  cannotIdentify: () => "The vehicle cannot be identified: complete the marked fields.",

  // Reference data
  syncRunning: () => "The reference data sync is already running.",
  emptyList: () => "The server sent an empty list; the saved list was kept.",
  sirutaInvalid: (m) => `Invalid SIRUTA code for ${m.name}: ${m.siruta}.`,
  listLabel: (m) => listLabel(m.list, m.of),
  listNeverSynced: (m) => `${listName(m.list, m.of)} has not been downloaded yet. Connect and press “Sync now”.`,

  // Start-up and the local store
  settingsRestored: (m) =>
    `The settings file was damaged (the app probably stopped during a save). The settings were restored from the last good copy; the damaged file was kept at ${m.kept}.`,
  settingsUnreadable: (m) =>
    `The settings file could not be read and there is no good copy. The app uses the default settings until you save; the file was kept at ${m.kept}.`,
  settingsInvalid: () =>
    "The saved settings no longer pass this version's checks (for example, an http:// address for a server on the network). The app uses the default settings until you save them again in Settings.",
  oldDataLeft: (m) =>
    `Some files of the earlier version stayed in ${m.folder}, because the new folder already had files with the same names. Nothing was deleted.`,
  databaseKeyMissing: (m) => `The local database's key is no longer in the system keychain. The file was kept at ${m.kept}; the client book starts empty and reference data is downloaded again.`,
  databaseKeyMismatch: (m) => `The key in the system keychain does not open the local database. The file was kept at ${m.kept}; the client book starts empty and reference data is downloaded again.`,
  keychainUnavailableForData: () => "The system keychain does not answer: client data from this session is not kept after the app closes.",
  storeRebuilt: (m) =>
    `The local database was damaged; a copy was kept at ${m.copy} and it was rebuilt. Reference data will be synchronised again.`,
  storeNewerSchema: () =>
    "The local database was created by a newer version of the app. Please update Casco Desk.",
  storeUnusable: (m) => `The local database cannot be used (${m.detail}).`,
  fileProblem: (m) => `A file of the app could not be read or written (${m.detail}).`,
  paymentMethodNotTaken: (m) => `${m.insurer} takes only: ${m.methods.map((x) => PAYMENT_METHODS_EN[x]).join(", ")}.`,
  paymentCurrency: (m) => `The policy is paid in the offer's currency (${m.currency}).`,
  paymentBelowFirstInstallment: (m) => `The amount paid does not cover the first installment (${formatMoney(m.amount, m.currency, "en")}).`,
  paymentAbovePremium: (m) => `The amount paid is more than the premium (${formatMoney(m.amount, m.currency, "en")}).`,
  paymentTooOld: (m) => `The payment date can be at most ${m.days} days ago.`,
  documentNumberRequired: () => "Enter the receipt's or the payment order's number.",
  documentNumberInvalid: (m) => `Invalid document number: at most ${m.max} characters, no control characters.`,
  offerNotFound: () => "This offer is no longer among the draft's offers; ask for offers again.",
  offerExpired: (m) => `The offer expired on ${formatDate(m.date)} and can no longer be issued. Ask for a new offer.`,
  issueInProgress: () => "This offer is being issued right now; wait for the answer.",
  issueUnconfirmed: () =>
    "The request to issue this offer got no answer. Press “Verify”: the very same request is sent again.",
  alreadyIssued: (m) => `The offer was already issued as policy ${m.series} ${m.number}.`,
  draftIssued: () => "The policy was issued: this draft can no longer change. Copy it into a new draft.",
  documentsFolderUnwritable: (m) =>
    `The documents folder cannot be written: ${m.folder} (${m.detail}). Choose another folder in Settings.`,
  pdfInvalid: (m) => `The file received is not a valid PDF and was not saved (${m.detail}).`,
  pdfTooLarge: (m) => `The file received is larger than ${m.limitMib} MB and was not saved.`,
  cannotOpenDocument: (m) => `The document could not be opened: ${m.path} (${m.detail}).`,
  documentNotFound: () => "This document is no longer on record.",
  folderNotAbsolute: () => "Enter the whole folder path (e.g. C:\\Users\\Ana\\Documents or /Users/ana/Documents).",
  unexpected: (m) => `Unexpected error: ${m.detail}`,
};
