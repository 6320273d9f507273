//! Property tests for every importer: arbitrary bytes, and arbitrary rows under each real
//! header, must give a result or a located error, never a panic.

use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::prelude::*;

use crate::inputs::admit::{Admission, AreaFilter};
use crate::inputs::postcodes::{read_centroids, PostcodeTable};
use crate::inputs::{cqc_api, cqc_directory, pathways, reference};

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carefinder-props-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs every importer over the same bytes.
fn every_importer(bytes: &[u8]) {
    let path = file("input", bytes);
    let (filter, postcodes) = (AreaFilter::default(), PostcodeTable::default());
    let mut admission = Admission::new(&filter, &postcodes);
    let mut kept = Vec::new();
    let _ = cqc_api::import(&path, &BTreeMap::new(), &mut admission, &mut kept);
    let _ = cqc_api::read_provider_names(&path);
    let _ = cqc_directory::import(&path, Some(&path), &mut admission, &mut kept);
    let _ = PostcodeTable::default().add_file(&path);
    let _ = read_centroids(&path);
    let _ = reference::read_fees_csv(&path, &mut Default::default());
    let _ = reference::read_authored(&path, &mut Default::default());
    let dir = path.parent().unwrap().join("pathways");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("p.toml"), bytes).unwrap();
    let _ = pathways::read_folder(&dir);
}

const HEADERS: [&str; 5] = [
    "Postcode,lat,long\n",
    "outcode,lat,long,n_postcodes\n",
    "area,area_code,measure,care_setting,period,value,value_high,unit,source_publisher,source_url,source_published,notes\n",
    "CQC Locations data\n\nName,Also known as,Address,Postcode,Phone number,Service's website (if available),Service types,Date of latest check,Specialisms/services,Provider name,Local authority,Region,Location URL,CQC Location ID (for office use only),CQC Provider ID (for office use only)\n",
    "[{\"locationId\":\"1-1\",\"type\":\"Social Care Org\",\"registrationStatus\":\"Registered\",\"postalCode\":",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic_an_importer(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        every_importer(&bytes);
    }

    #[test]
    fn arbitrary_rows_under_real_headers_never_panic(header in 0usize..HEADERS.len(), rows in "[ -~\n\",]{0,600}") {
        every_importer(format!("{}{rows}", HEADERS[header]).as_bytes());
    }
}
