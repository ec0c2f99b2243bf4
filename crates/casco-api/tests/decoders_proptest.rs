//! Property test: the decoders never panic, whatever bytes or JSON arrive.

use casco_api::envelope::decode;
use casco_api::model::{
    Country, County, FileEntry, Identifications, Locality, OffersData, PoliciesData, QuoteRequest,
};
use proptest::prelude::*;
use serde_json::Value;

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-zA-Z0-9 .,:-]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("true"),
            Just("false"),
            Just("200"),
            Just("100000.00"),
            Just("VALIDATION_ERROR")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("error".to_owned()),
            Just("status".to_owned()),
            Just("message".to_owned()),
            Just("data".to_owned()),
            Just("offers".to_owned()),
            Just("offerId".to_owned()),
            Just("premiumAmount".to_owned()),
            Just("files".to_owned()),
            Just("content".to_owned()),
            Just("name".to_owned()),
            Just("siruta".to_owned()),
            "[a-z]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn decode_everything(status: u16, body: &[u8]) {
    let _ = decode::<OffersData>("quote", status, body);
    let _ = decode::<PoliciesData>("issue_policy", status, body);
    let _ = decode::<Vec<Country>>("countries", status, body);
    let _ = decode::<Vec<County>>("counties", status, body);
    let _ = decode::<Vec<Locality>>("localities", status, body);
    let _ = decode::<Identifications>("identify", status, body);
    let _ = serde_json::from_slice::<QuoteRequest>(body);
    if let Ok(files) = decode::<casco_api::model::FilesData>("pdf", status, body) {
        let _ = casco_api::pdf::decode_first(&files.files);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), status in 100u16..600) {
        decode_everything(status, &bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(value in any_json(), status in prop_oneof![Just(200u16), Just(400), Just(401), Just(403), Just(500)]) {
        let body = serde_json::to_vec(&value).unwrap();
        decode_everything(status, &body);
        let wrapped = serde_json::to_vec(&serde_json::json!({"error": "false", "status": "200", "data": value})).unwrap();
        decode_everything(status, &wrapped);
    }

    #[test]
    fn arbitrary_file_content_never_panics(content in "[A-Za-z0-9+/=%\\s]{0,64}") {
        let entry = FileEntry { kind: "offer".into(), mime_type: "application/pdf".into(), name: "x.pdf".into(), content };
        let _ = casco_api::pdf::decode_first(&[entry]);
    }
}
