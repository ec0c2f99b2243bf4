// Romanian sentences for the Rust side's message codes (comma-below ș ț). The wording is the
// agent's: change it here, never in Rust.

import type { ListKind } from "../../bindings";
import { formatDate, formatMoney } from "../../format";
import { PAYMENT_METHODS_RO } from "./payment";
import { fieldPhrase, groupedAmounts, type FieldPhrases, type MessageCatalogue } from "./catalogue";

/** Fields insurers require beyond the spec, as they read in "Asigurătorul X cere …". */
export const REQUIRED_FIELDS_RO: FieldPhrases = {
  "product.vehicle.ptiExpiryDate": "data expirării ITP a vehiculului",
  "product.additionalData.motor.leasingContractNumber": "numărul contractului de leasing",
  "product.policyholder.email": "adresa de e-mail a asiguratului",
  "product.policyholder.mobileNumber": "telefonul mobil al asiguratului",
  "product.additionalData.vehicle.user.bonusMalusClass": "clasa bonus-malus a utilizatorului vehiculului",
  "product.vehicle.identification.idNumber": "seria CIV a vehiculului",
  "product.policyholder.address.floor": "etajul din adresa asiguratului",
  "product.vehicle.currentMileage": "kilometrajul vehiculului",
  "product.policyholder.drivingLicense.issueDate": "data obținerii permisului de conducere a asiguratului",
  "product.policyholder.address.houseNumber": "numărul din adresa asiguratului",
};

function listLabel(list: ListKind, of: string | null): string {
  switch (list) {
    case "countries":
      return "Țări";
    case "counties":
      return "Județe";
    case "makes":
      return "Mărci auto";
    case "localities":
      return of ? `Localități — ${of}` : "Localități";
    case "models":
      return of ? `Modele — ${of}` : "Modele";
  }
}

function listName(list: ListKind, of: string | null): string {
  switch (list) {
    case "countries":
      return "Lista de țări";
    case "counties":
      return "Lista de județe";
    case "makes":
      return "Lista de mărci auto";
    case "localities":
      return of ? `Lista de localități pentru județul ${of}` : "Lista de localități";
    case "models":
      return of ? `Lista de modele pentru marca ${of}` : "Lista de modele";
  }
}

export const ro: MessageCatalogue = {
  // Forms: settings, login, the wizard
  required: () => "Câmp obligatoriu.",
  invalidEmail: () => "Adresa de e-mail nu este validă (exemplu: nume@firma.ro).",
  invalidUrl: () => "Adresa trebuie să înceapă cu http:// sau https:// (exemplu: https://api.exemplu.ro).",
  insecureUrl: () =>
    "Folosiți o adresă https://. Adresele http:// sunt acceptate doar pentru acest calculator (127.0.0.1, localhost), altfel parola ar circula necriptată.",
  credentialsInUrl: () => "Adresa nu poate conține cont sau parolă; introduceți-le la autentificare.",
  invalidPhone: () => "Numărul de telefon nu este valid (exemplu: 0712 345 678 sau +40 21 123 4567).",
  notAllowed: (m) => `Valori permise: ${m.allowed}.`,
  oneOf: (m) => `Valoare nepermisă; alegeți una dintre: ${m.allowed}.`,
  outOfRange: (m) => `Valoarea trebuie să fie între ${m.min} și ${m.max}.`,
  timeoutOutOfRange: (m) => `Timpul de așteptare trebuie să fie între ${m.min} și ${m.max} de secunde.`,
  tooLong: (m) => `Cel mult ${m.max} caractere.`,
  unknownValue: () => "Valoare necunoscută; alegeți una din listă.",
  fixHighlighted: () => "Corectați câmpurile marcate; nimic nu a fost salvat.",
  logoNotImage: () => "Logo-ul trebuie să fie o imagine PNG sau JPEG.",
  logoTooLarge: (m) => `Logo-ul poate avea cel mult ${m.maxKb} KB.`,
  accountRequired: () => "Introduceți contul CascoApi.",
  passwordRequired: () => "Introduceți parola.",

  // The wizard's field checks
  cnpFormat: () => "CNP invalid: trebuie să aibă exact 13 cifre.",
  cnpFirstDigit: () => "CNP invalid: prima cifră trebuie să fie între 1 și 9.",
  cnpControl: () => "CNP invalid: cifra de control nu corespunde.",
  cnpDate: () => "CNP invalid: data nașterii din CNP nu există în calendar.",
  cnpCounty: () => "CNP invalid: codul județului (cifrele 8–9) trebuie să fie între 01 și 52.",
  cnpSerial: () => "CNP invalid: numărul de ordine (cifrele 10–12) nu poate fi 000.",
  birthdateNotCnp: () => "Data nașterii nu corespunde cu CNP-ul.",
  genderNotCnp: () => "Sexul nu corespunde cu CNP-ul.",
  cuiFormat: () => "CUI invalid: 2–10 cifre, opțional precedate de RO.",
  cuiControl: () => "CUI invalid: cifra de control nu corespunde.",
  foreignTaxId: () => "Cod de identificare fiscală invalid: 2–20 litere și cifre.",
  vinLength: () => "VIN invalid: seria de șasiu are exact 17 caractere.",
  vinChars: () => "VIN invalid: doar litere și cifre, fără I, O și Q.",
  plate: () => "Număr de înmatriculare invalid (ex.: B 123 ABC, CJ 12 ABC).",
  temporaryPlate: () => "Număr provizoriu invalid (ex.: B 012345, CJ 0123).",
  foreignPlate: () => "Număr de înmatriculare invalid: 2–12 litere și cifre.",
  emailFormat: () => "Adresă de e-mail invalidă.",
  mobile: () => "Telefon mobil invalid (ex.: 0712 345 678 sau +40 712 345 678).",
  caen: () => "Cod CAEN invalid: 4 cifre.",
  postcode: () => "Cod poștal invalid: 6 cifre.",
  countryCode: () => "Cod de țară invalid: două litere (ex.: RO).",
  notInteger: () => "Introduceți un număr întreg.",
  notNumber: () => "Introduceți un număr.",
  date: () => "Dată invalidă (ex.: 31.03.2025).",
  dateInFuture: () => "Data nu poate fi în viitor.",
  dateTooOld: () => "Data nu poate fi înainte de 1900.",
  birthdateTooOld: () => "Data nașterii nu poate fi cu mai mult de 120 de ani în urmă.",
  licenceBefore18: () => "Permisul se poate obține doar după împlinirea vârstei de 18 ani.",
  registrationBeforeConstruction: () => "Data primei înmatriculări nu poate fi cu mult înainte de anul fabricației.",
  startNotTomorrow: () => "Data începerii trebuie să fie cel puțin mâine pentru un vehicul înmatriculat.",
  startInPast: () => "Data începerii nu poate fi în trecut.",
  startTooFar: () => "Data începerii nu poate fi la mai mult de un an de azi.",
  bonusMalusClass: () => "Clasa bonus-malus trebuie să fie B0–B8 sau M1–M8.",
  completeGroup: () => "Completați și acest câmp.",
  insurerRequires: (m) => `Asigurătorul ${m.insurer} cere ${fieldPhrase(REQUIRED_FIELDS_RO, m.path, "ro")}.`,

  // Talking to CascoApi
  cannotConnect: () =>
    "Serverul CascoApi nu poate fi contactat. Verificați conexiunea la internet și adresa din Setări.",
  timedOut: () => "Serverul CascoApi nu a răspuns la timp. Încercați din nou.",
  wrongCredentials: () => "Contul sau parola nu sunt corecte.",
  accountLocked: () => "Contul este blocat la CascoApi. Sunați la suportul brokerului pentru deblocare.",
  farFromCatalogue: (m) =>
    `Diferă cu peste 20% de valoarea din catalogul asigurătorilor: ${groupedAmounts(m.values, "ro")}.`,
  productChosen: (m) =>
    m.vehicles === "leased"
      ? `Produsul ${m.product}, pentru vehicule în leasing.`
      : m.vehicles === "owned"
        ? `Produsul ${m.product}, pentru vehicule care nu sunt în leasing.`
        : `Produsul ${m.product}.`,
  noProductFor: (m) =>
    m.leased
      ? "Nu are produs CASCO pentru vehicule în leasing; nu este întrebat."
      : "Are produs doar pentru vehicule în leasing; nu este întrebat.",
  sessionRefused: () => "Sesiunea a fost refuzată de server. Autentificați-vă din nou.",
  serverRefused: (m) => `Serverul a refuzat cererea: ${m.message}`,
  serverSaid: (m) => m.text,
  // A sentence an earlier release stored already worded: shown as it was written.
  asShown: (m) => m.text,
  badAnswer: () =>
    "Serverul a trimis un răspuns care nu poate fi citit; detaliile sunt în jurnalul aplicației.",
  serverValidation: () => "Serverul a respins unele date; vedeți mesajele de la câmpuri.",
  redirected: (m) =>
    `Serverul CascoApi a trimis cererea mai departe, către ${m.host}. Casco Desk nu urmează redirecționări, ca parolele și datele clienților să nu ajungă la altă adresă. Verificați adresa din Setări.`,
  answerTooLarge: () =>
    "Răspunsul serverului este mai mare decât limita acceptată și a fost refuzat; nu s-a salvat nimic.",
  notLoggedIn: () => "Nu sunteți autentificat. Apăsați „Autentificare”.",
  demoCredentialsBuiltIn: () =>
    "În mediul Demo datele de acces ale asigurătorilor sunt incluse și nu se modifică.",
  keychainUnavailable: () =>
    "Portofelul de parole al sistemului nu este disponibil; parola nu a fost păstrată.",
  keychainTooLong: (m) =>
    `Autentificarea nu a fost păstrată: portofelul de parole al sistemului primește cel mult ${m.limit} de octeți pe intrare, iar valoarea are ${m.bytes} de octeți. Vă veți autentifica la următoarea pornire.`,

  // Quoting
  switchedOff: () => "Dezactivat în setări.",
  credentialsMissing: () => "Lipsesc datele de autentificare la asigurător.",
  cannotSendRequest: () => "Cererea nu poate fi trimisă: completați câmpurile marcate.",
  cannotIdentify: () => "Vehiculul nu poate fi identificat: completați câmpurile marcate.",

  // Reference data
  syncRunning: () => "Sincronizarea datelor de referință rulează deja.",
  emptyList: () => "Serverul a trimis o listă goală; am păstrat lista salvată.",
  sirutaInvalid: (m) => `Cod SIRUTA invalid pentru ${m.name}: ${m.siruta}.`,
  listLabel: (m) => listLabel(m.list, m.of),
  listNeverSynced: (m) =>
    `${listName(m.list, m.of)} nu a fost încă descărcată. Conectați-vă și apăsați «Sincronizează acum».`,

  // Start-up and the local store
  settingsRestored: (m) =>
    `Fișierul de setări era deteriorat (probabil aplicația s-a oprit în timpul unei salvări). Am refăcut setările din ultima copie bună; fișierul deteriorat a fost păstrat în ${m.kept}.`,
  settingsUnreadable: (m) =>
    `Fișierul de setări nu a putut fi citit și nu există o copie bună. Aplicația folosește setările implicite până le salvați; fișierul a fost păstrat în ${m.kept}.`,
  settingsInvalid: () =>
    "Setările salvate nu mai trec verificările acestei versiuni (de exemplu, o adresă http:// pentru un server din rețea). Aplicația folosește setările implicite până le salvați din nou în Setări.",
  oldDataLeft: (m) =>
    `Unele fișiere ale versiunii anterioare au rămas în ${m.folder}, pentru că noul dosar avea deja fișiere cu același nume. Nu s-a șters nimic.`,
  databaseKeyMissing: (m) => `Cheia bazei de date locale nu mai este în portofelul de parole al sistemului. Fișierul a fost păstrat la ${m.kept}; lista de clienți începe goală, iar datele de referință se descarcă din nou.`,
  databaseKeyMismatch: (m) => `Cheia din portofelul de parole al sistemului nu deschide baza de date locală. Fișierul a fost păstrat la ${m.kept}; lista de clienți începe goală, iar datele de referință se descarcă din nou.`,
  keychainUnavailableForData: () => "Portofelul de parole al sistemului nu răspunde: datele clienților din această sesiune nu se păstrează după închiderea aplicației.",
  storeRebuilt: (m) =>
    `Baza de date locală era deteriorată; am păstrat o copie în ${m.copy} și am refăcut-o. Datele de referință se vor sincroniza din nou.`,
  storeNewerSchema: () =>
    "Baza de date locală a fost creată de o versiune mai nouă a aplicației. Actualizați Casco Desk.",
  storeUnusable: (m) => `Baza de date locală nu poate fi folosită (${m.detail}).`,
  fileProblem: (m) => `Un fișier al aplicației nu a putut fi citit sau scris (${m.detail}).`,
  paymentMethodNotTaken: (m) => `${m.insurer} acceptă doar: ${m.methods.map((x) => PAYMENT_METHODS_RO[x]).join(", ")}.`,
  paymentCurrency: (m) => `Polița se plătește în moneda ofertei (${m.currency}).`,
  paymentBelowFirstInstallment: (m) => `Suma plătită nu acoperă prima rată (${formatMoney(m.amount, m.currency, "ro")}).`,
  paymentAbovePremium: (m) => `Suma plătită depășește prima totală (${formatMoney(m.amount, m.currency, "ro")}).`,
  paymentTooOld: (m) => `Data plății poate fi cel mult cu ${m.days} de zile în urmă.`,
  documentNumberRequired: () => "Introduceți numărul chitanței sau al ordinului de plată.",
  documentNumberInvalid: (m) => `Număr de document invalid: cel mult ${m.max} de caractere, fără caractere de control.`,
  offerNotFound: () => "Oferta nu mai este printre ofertele acestei ciorne; cereți oferte din nou.",
  offerExpired: (m) => `Oferta a expirat la ${formatDate(m.date)} și nu mai poate fi emisă. Cereți o ofertă nouă.`,
  issueInProgress: () => "Oferta se emite chiar acum; așteptați răspunsul.",
  issueUnconfirmed: () =>
    "Cererea de emitere a acestei oferte nu a primit răspuns. Apăsați «Verifică»: se trimite din nou exact aceeași cerere.",
  alreadyIssued: (m) => `Oferta a fost deja emisă ca polița ${m.series} ${m.number}.`,
  draftIssued: () => "Polița a fost emisă: ciorna nu mai poate fi modificată. Copiați-o într-o ciornă nouă.",
  documentsFolderUnwritable: (m) =>
    `Dosarul de documente nu poate fi scris: ${m.folder} (${m.detail}). Alegeți alt dosar în Setări.`,
  pdfInvalid: (m) => `Fișierul primit nu este un PDF valid și nu a fost salvat (${m.detail}).`,
  pdfTooLarge: (m) => `Fișierul primit depășește ${m.limitMib} MB și nu a fost salvat.`,
  cannotOpenDocument: (m) => `Documentul nu a putut fi deschis: ${m.path} (${m.detail}).`,
  documentNotFound: () => "Documentul nu mai există în evidență.",
  folderNotAbsolute: () => "Scrieți calea completă a dosarului (ex.: C:\\Users\\Ana\\Documents sau /Users/ana/Documents).",
  unexpected: (m) => `Eroare neașteptată: ${m.detail}`,
};
