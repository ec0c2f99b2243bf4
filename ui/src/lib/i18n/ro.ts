// Romanian catalogue: the source of truth for message keys. Use comma-below letters (ș ț).
export const ro = {
  "app.name": "Casco Desk",
  "env.demo": "DEMO",
  "env.qa": "QA",
  "env.custom": "Personalizat",
  "env.badge.title": "Mediul de lucru: {env}",

  "nav.label": "Secțiuni",
  "nav.newQuote": "Ofertă nouă",
  "nav.drafts": "Ciorne",
  "nav.history": "Istoric",
  "nav.clients": "Clienți",
  "nav.settings": "Setări",
  "nav.shortcut": "Alt+{n}",

  "notBuilt.badge": "În lucru",
  "notBuilt.lead": "Această secțiune nu este construită încă.",
  "notBuilt.newQuote":
    "Aici veți introduce o singură dată asiguratul, vehiculul, utilizatorul și acoperirile, cu validare pe loc, și veți cere oferte CASCO de la toți asigurătorii deodată.",
  "notBuilt.drafts":
    "Aici vor apărea ofertele începute și neterminate, salvate automat la fiecare modificare, cu numele clientului și data, ca să le puteți relua exact de unde ați rămas.",
  "notBuilt.history":
    "Aici vor apărea ofertele primite și polițele emise, cu PDF-urile lor, ca să le puteți redeschide fără a apela din nou asigurătorii.",
  "notBuilt.clients":
    "Aici vor apărea asigurații și vehiculele lor, ca să porniți o ofertă nouă fără să reintroduceți datele.",

  "settings.title": "Setări",
  "settings.environment": "Mediul de lucru",
  "settings.environment.help": "De unde cere aplicația oferte. Demo folosește un server de test inclus, fără cont.",
  "settings.environment.demo": "Demo (server de test inclus)",
  "settings.environment.qa": "QA (server de test al furnizorului)",
  "settings.environment.custom": "Adresă personalizată",
  "settings.environment.customUrl": "Adresa API",
  "settings.environment.customUrl.placeholder": "https://api.exemplu.ro",
  "settings.agency": "Profilul agenției",
  "settings.agency.help": "Apare pe propunerile tipărite pentru clienți.",
  "settings.agency.name": "Denumirea agenției",
  "settings.agency.brokerCode": "Cod broker (ASF)",
  "settings.agency.address": "Adresă",
  "settings.agency.phone": "Telefon",
  "settings.agency.email": "E-mail",
  "settings.agency.logo": "Logo",
  "settings.agency.logo.choose": "Alege imaginea…",
  "settings.agency.logo.remove": "Elimină logo-ul",
  "settings.agency.logo.none": "Niciun logo ales (PNG sau JPEG, cel mult 1 MB).",
  "settings.agency.logo.missing": "Fișierul logo-ului nu mai există; alegeți-l din nou.",
  "settings.defaults": "Valori implicite pentru oferte noi",
  "settings.defaults.currency": "Monedă",
  "settings.defaults.installments": "Număr de rate",
  "settings.defaults.installments.one": "integral (o rată)",
  "settings.defaults.installments.many": "{n} rate",
  "settings.defaults.termMonths": "Perioada (luni)",
  "settings.language": "Limba aplicației",
  "settings.language.label": "Limba",
  "settings.language.help": "Se aplică imediat.",
  "settings.language.ro": "Română",
  "settings.language.en": "English",
  "settings.save": "Salvează",
  "settings.save.shortcut": "Ctrl+S",
  "settings.revert": "Renunță la modificări",
  "settings.saving": "Se salvează…",
  "settings.saved": "Salvat la {time}.",
  "settings.unsaved": "Aveți modificări nesalvate.",
  "settings.loadFailed": "Setările nu au putut fi citite: {message}",

  "error.unexpected": "A apărut o eroare neașteptată: {message}",
} as const;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof ro;
