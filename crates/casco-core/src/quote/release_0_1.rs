//! Comparison rows as release 0.1 stored them (format 0 of a quote call's answer): the row
//! as it was shown, sentences already worded. Frozen: these types describe files already
//! written, whatever the views become.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::outcome::{covers_in, CoverageView, DeductiblesView, InstallmentView};
use super::outcome::{InsurerOutcome, OfferView, OutcomeState};
use super::saved_comparison::InsurerRef;
use crate::messages::Message;

/// A stored 0.1 row, read for `today`.
pub(super) fn outcome(
    shown: &serde_json::Value,
    named: InsurerRef,
    today: NaiveDate,
) -> Result<InsurerOutcome, serde_json::Error> {
    let shown: ShownOutcome = serde_json::from_value(shown.clone())?;
    Ok(shown.into_outcome(named, today))
}

/// A sentence release 0.1 could write, in both its languages, and the code it stands for.
struct Sentence {
    ro: &'static str,
    en: &'static str,
    code: fn() -> Message,
}

/// A row as 0.1 stored it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShownOutcome {
    state: ShownState,
    elapsed_ms: u32,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum ShownState {
    Offers {
        offers: Vec<ShownOffer>,
    },
    Rejected {
        message: String,
        fields: BTreeMap<String, Vec<String>>,
    },
    Failed {
        message: String,
    },
    #[serde(rename_all = "camelCase")]
    TimedOut {
        after_ms: u32,
    },
    NotEnabled {
        reason: String,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShownOffer {
    offer_id: String,
    insurer: String,
    premium: String,
    currency: String,
    premium_ron: String,
    exchange_rate: Option<String>,
    installment_count: u32,
    installments: Vec<InstallmentView>,
    start_date: NaiveDate,
    end_date: NaiveDate,
    deductibles: Option<DeductiblesView>,
    coverages: Vec<CoverageView>,
    notes: Option<String>,
    expiry_date: Option<NaiveDate>,
}

/// The sentences release 0.1 could store at the top of a comparison row, in both its
/// languages, with the codes they stand for: a reopened 0.1 comparison then speaks the
/// language of the day. Anything else (the server's own words under the fields) is kept as
/// it was written.
const SENTENCES: &[Sentence] = &[
    Sentence {
        ro: "Serverul CascoApi nu poate fi contactat. Verificați conexiunea la internet și adresa din Setări.",
        en: "The CascoApi server cannot be reached. Check the internet connection and the address in Settings.",
        code: || Message::CannotConnect,
    },
    Sentence {
        ro: "Serverul CascoApi nu a răspuns la timp. Încercați din nou.",
        en: "The CascoApi server did not answer in time. Try again.",
        code: || Message::TimedOut,
    },
    Sentence {
        ro: "Sesiunea a fost refuzată de server. Autentificați-vă din nou.",
        en: "The server refused the session. Log in again.",
        code: || Message::SessionRefused,
    },
    Sentence {
        ro: "Serverul a trimis un răspuns care nu poate fi citit; detaliile sunt în jurnalul aplicației.",
        en: "The server sent an answer that cannot be read; the details are in the app log.",
        code: || Message::BadAnswer,
    },
    Sentence {
        ro: "Serverul a respins unele date; vedeți mesajele de la câmpuri.",
        en: "The server rejected some data; see the messages at the fields.",
        code: || Message::ServerValidation,
    },
    Sentence {
        ro: "Dezactivat în setări.",
        en: "Switched off in settings.",
        code: || Message::SwitchedOff,
    },
    Sentence {
        ro: "Lipsesc datele de autentificare la asigurător.",
        en: "The insurer's credentials are missing.",
        code: || Message::CredentialsMissing,
    },
    Sentence {
        ro: "Cererea nu poate fi trimisă: completați câmpurile marcate.",
        en: "The request cannot be sent: complete the marked fields.",
        code: || Message::CannotSendRequest,
    },
];

/// A top-of-row sentence of release 0.1 as the code it stands for; the server's own words
/// (a refusal's message, "not enabled") as such.
fn code_of_0_1(text: String) -> Message {
    if let Some(sentence) = SENTENCES.iter().find(|s| text == s.ro || text == s.en) {
        return (sentence.code)();
    }
    for prefix in [
        "Serverul a refuzat cererea: ",
        "The server refused the request: ",
    ] {
        if let Some(message) = text.strip_prefix(prefix) {
            return Message::ServerRefused {
                message: message.to_owned(),
            };
        }
    }
    Message::AsShown { text }
}

impl ShownOutcome {
    fn into_outcome(self, named: InsurerRef, today: NaiveDate) -> InsurerOutcome {
        let as_shown = |text: String| Message::AsShown { text };
        let state = match self.state {
            ShownState::Offers { offers } => OutcomeState::Offers {
                offers: offers.into_iter().map(|o| o.into_view(today)).collect(),
            },
            ShownState::Rejected { message, fields } => OutcomeState::Rejected {
                message: code_of_0_1(message),
                fields: fields
                    .into_iter()
                    .map(|(path, texts)| (path, texts.into_iter().map(as_shown).collect()))
                    .collect(),
            },
            ShownState::Failed { message } => OutcomeState::Failed {
                message: code_of_0_1(message),
            },
            ShownState::TimedOut { after_ms } => OutcomeState::TimedOut { after_ms },
            ShownState::NotEnabled { reason } => OutcomeState::NotEnabled {
                reason: match code_of_0_1(reason) {
                    // 0.1 kept the server's "not enabled for this broker" verbatim.
                    Message::AsShown { text } => Message::ServerSaid { text },
                    code => code,
                },
            },
        };
        InsurerOutcome {
            insurer: named.insurer,
            display_name: named.display_name,
            state,
            elapsed_ms: self.elapsed_ms,
        }
    }
}

impl ShownOffer {
    fn into_view(self, today: NaiveDate) -> OfferView {
        let codes: Vec<&str> = self.coverages.iter().map(|c| c.code.as_str()).collect();
        let notes = self.coverages.iter().filter_map(|c| c.notes.as_deref());
        let notes: Vec<&str> = notes.chain(self.notes.as_deref()).collect();
        let covers = covers_in(&self.insurer, &codes, &notes);
        let mut view = OfferView {
            offer_id: self.offer_id,
            insurer: self.insurer,
            premium: self.premium,
            currency: self.currency,
            premium_ron: self.premium_ron,
            exchange_rate: self.exchange_rate,
            installment_count: self.installment_count,
            installments: self.installments,
            start_date: self.start_date,
            end_date: self.end_date,
            insured_sum: None,
            deductibles: self.deductibles,
            covers,
            coverages: self.coverages,
            notes: self.notes,
            expiry_date: self.expiry_date,
            expired: false,
        };
        view.judge_expiry(today);
        view
    }
}
