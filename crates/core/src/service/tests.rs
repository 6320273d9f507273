use super::*;

#[test]
fn reads_cqc_service_types_from_every_file_layout() {
    assert_eq!(
        ServiceType::from_cqc("Residential homes"),
        Some(ServiceType::CareHome)
    );
    assert_eq!(
        ServiceType::from_cqc("Care home service with nursing"),
        Some(ServiceType::NursingHome)
    );
    assert_eq!(
        ServiceType::from_cqc("Domiciliary care service"),
        Some(ServiceType::HomeCare)
    );
    assert_eq!(
        ServiceType::from_cqc("Community services - Mental Health"),
        Some(ServiceType::Community)
    );
    assert_eq!(ServiceType::from_cqc("Dentist"), None);
    assert_eq!(ServiceType::from_cqc("Diagnosis/screening"), None);
}

#[test]
fn keys_match_the_published_json_names() {
    for s in ServiceType::ALL {
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.key())
        );
    }
    for s in Specialism::ALL {
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.key())
        );
    }
}

#[test]
fn summary_bits_answer_filter_questions() {
    let s = ServiceSummary {
        id: "1-1".into(),
        name: "A".into(),
        district: "NR2".into(),
        lat: 52.6,
        lon: 1.3,
        services: ServiceType::NursingHome.bit() | ServiceType::CareHome.bit(),
        specialisms: Specialism::Dementia.bit(),
        beds: 40,
        overall: None,
        last_inspection: None,
        other_names: vec![],
    };
    assert!(s.offers(ServiceType::NursingHome) && s.offers(ServiceType::CareHome));
    assert!(!s.offers(ServiceType::HomeCare));
    assert!(s.specialises_in(Specialism::Dementia) && !s.specialises_in(Specialism::MentalHealth));
    assert!(!s.is_home_care_only());
    let agency = |services: u8| ServiceSummary {
        services,
        ..s.clone()
    };
    assert!(agency(ServiceType::HomeCare.bit()).is_home_care_only());
    assert!(
        agency(ServiceType::HomeCare.bit() | ServiceType::SupportedLiving.bit())
            .is_home_care_only()
    );
    assert!(
        !agency(ServiceType::HomeCare.bit() | ServiceType::NursingHome.bit()).is_home_care_only()
    );
    assert!(!agency(ServiceType::SupportedLiving.bit()).is_home_care_only());
}

#[test]
fn a_summary_is_published_as_a_compact_array_and_reads_back() {
    let s = ServiceSummary {
        id: "1-123".into(),
        name: "Rose House".into(),
        district: "NR2".into(),
        lat: 52.62,
        lon: 1.28,
        services: 1,
        specialisms: 3,
        beds: 20,
        overall: Some(Rated {
            rating: Rating::Good,
            date: Some("2024-01-02".into()),
        }),
        last_inspection: Some("2023-12-01".into()),
        other_names: vec![OtherName {
            kind: NameKind::Provider,
            name: "Rose Care Ltd".into(),
        }],
    };
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(
        text,
        r#"["1-123","Rose House","NR2",52.62,1.28,1,3,20,"good","2024-01-02","2023-12-01",[["p","Rose Care Ltd"]]]"#
    );
    assert_eq!(serde_json::from_str::<ServiceSummary>(&text).unwrap(), s);
}

#[test]
fn a_summary_carries_each_other_name_once_and_not_its_own_name_again() {
    let mut s: Service = serde_json::from_value(serde_json::json!({
        "id": "1-1", "name": "St Anne's House", "provider_id": "1-2",
        "provider_name": "Saint Annes House", "brand": "Bloomcare", "also_known_as": " bloomcare ",
        "address": [], "postcode": "OL1 1AA", "lat": 53.54, "lon": -2.11,
        "local_authority": "Oldham", "services": [], "specialisms": [], "other_specialisms": [],
        "beds": null, "ratings": {}, "last_inspection": null, "phone": null, "website": null
    }))
    .unwrap();
    // The provider's name is the home's own name written out; the "also known as" repeats the brand.
    assert_eq!(
        s.summary().other_names,
        [OtherName {
            kind: NameKind::Brand,
            name: "Bloomcare".into()
        }]
    );
    s.provider_name = Some("Anne Care Ltd".into());
    s.also_known_as = Some("".into());
    let names: Vec<String> = s
        .summary()
        .other_names
        .iter()
        .map(OtherName::sentence)
        .collect();
    assert_eq!(names, ["Run by Anne Care Ltd", "Part of Bloomcare"]);
}
