import type { MessageKey } from "./ro";

// English catalogue: must define every key the Romanian one has (checked by the type).
export const en: Record<MessageKey, string> = {
  "app.name": "Casco Desk",
  "env.demo": "DEMO",
  "env.qa": "QA",
  "env.custom": "Custom",
  "env.badge.title": "Environment: {env}",

  "nav.label": "Sections",
  "nav.newQuote": "New quote",
  "nav.drafts": "Drafts",
  "nav.history": "History",
  "nav.clients": "Clients",
  "nav.settings": "Settings",
  "nav.shortcut": "Alt+{n}",

  "notBuilt.badge": "In progress",
  "notBuilt.lead": "This section is not built yet.",
  "notBuilt.newQuote":
    "Here you will enter the policyholder, vehicle, user and cover once, validated as you type, and ask every insurer for CASCO offers at once.",
  "notBuilt.drafts":
    "Here you will find quotes you started and did not finish, saved automatically on every change, with the client's name and date, so you can continue exactly where you left off.",
  "notBuilt.history":
    "Here you will find the offers received and the policies issued, with their PDFs, reopened without calling the insurers again.",
  "notBuilt.clients":
    "Here you will find policyholders and their vehicles, to start a new quote without typing their data again.",

  "settings.title": "Settings",
  "settings.environment": "Environment",
  "settings.environment.help": "Where the app asks for offers. Demo uses a built-in test server and needs no account.",
  "settings.environment.demo": "Demo (built-in test server)",
  "settings.environment.qa": "QA (vendor's test server)",
  "settings.environment.custom": "Custom address",
  "settings.environment.customUrl": "API address",
  "settings.environment.customUrl.placeholder": "https://api.example.com",
  "settings.agency": "Agency profile",
  "settings.agency.help": "Printed on the proposals you give clients.",
  "settings.agency.name": "Agency name",
  "settings.agency.brokerCode": "Broker code (ASF)",
  "settings.agency.address": "Address",
  "settings.agency.phone": "Phone",
  "settings.agency.email": "E-mail",
  "settings.agency.logo": "Logo",
  "settings.agency.logo.choose": "Choose image…",
  "settings.agency.logo.remove": "Remove logo",
  "settings.agency.logo.none": "No logo chosen (PNG or JPEG, at most 1 MB).",
  "settings.agency.logo.missing": "The logo file is gone; choose it again.",
  "settings.defaults": "Defaults for new quotes",
  "settings.defaults.currency": "Currency",
  "settings.defaults.installments": "Installments",
  "settings.defaults.installments.one": "in full (one installment)",
  "settings.defaults.installments.many": "{n} installments",
  "settings.defaults.termMonths": "Term (months)",
  "settings.language": "App language",
  "settings.language.help": "Applies at once.",
  "settings.language.ro": "Română",
  "settings.language.en": "English",
  "settings.save": "Save",
  "settings.save.shortcut": "Ctrl+S",
  "settings.revert": "Discard changes",
  "settings.saving": "Saving…",
  "settings.saved": "Saved at {time}.",
  "settings.unsaved": "You have unsaved changes.",
  "settings.loadFailed": "Settings could not be read: {message}",

  "error.unexpected": "An unexpected error occurred: {message}",
};
