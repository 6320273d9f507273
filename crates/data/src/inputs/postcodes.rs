//! ONS postcode coordinates. Two layouts: the simple `Postcode,lat,long` files (NSPL-derived, with
//! unlocated postcodes given as an empty lat and a zero long) and the ONSPD/NSPL column layout
//! (`pcds`, `lat`, `long`, `doterm` for terminated postcodes, 99.999999 for no grid reference).

use std::collections::BTreeMap;
use std::path::Path;

use carefinder_core::distance::Point;
use carefinder_core::postcode::Postcode;

use super::csv_file::{file_name, read_text, CsvTable};
use crate::accounting::{InputError, Tally};
use crate::assemble::UnitPostcode;

/// Unit postcodes from all postcode inputs, by standard form ("NR2 1AB").
#[derive(Default)]
pub struct PostcodeTable {
    pub units: BTreeMap<String, UnitPostcode>,
}

/// District centroids from a `outcode,lat,long,n_postcodes` file.
pub type Centroids = BTreeMap<String, Point>;

/// Great Britain, Northern Ireland, the Channel Islands and the Isle of Man, with a margin.
pub fn in_uk(lat: f64, lon: f64) -> bool {
    (49.0..=61.0).contains(&lat) && (-8.7..=2.1).contains(&lon)
}

/// Reads a coordinate pair, or says why it cannot be used.
pub fn coordinates(lat: &str, lon: &str) -> Result<Point, &'static str> {
    let (lat, lon) = (lat.trim(), lon.trim());
    if lat.is_empty() || lon.is_empty() {
        return Err("no coordinates");
    }
    let (Ok(la), Ok(lo)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
        return Err("coordinates are not numbers");
    };
    // ONSPD marks postcodes without a grid reference with 99.999999 / 0.000000.
    if la == 99.999999 || (la == 0.0 && lo == 0.0) {
        return Err("no coordinates");
    }
    if !in_uk(la, lo) {
        return Err("coordinates out of range");
    }
    Ok(Point::new(la, lo))
}

impl PostcodeTable {
    /// Adds one postcode file, counting every row kept or rejected.
    pub fn add_file(&mut self, path: &Path) -> Result<Tally, InputError> {
        let name = file_name(path);
        let text = read_text(path)?;
        let table = CsvTable::parse(&name, &text, |_| true)?;
        let pc = table.column(&["postcode", "pcds", "pcd", "pcd7", "pcd8"])?;
        let lat = table.column(&["lat", "latitude"])?;
        let lon = table.column(&["long", "longitude", "lon"])?;
        let terminated = table.optional_column(&["doterm"]);
        let mut tally = Tally::default();
        for (line, row) in &table.rows {
            tally.read += 1;
            let raw = &row[pc];
            let Ok(postcode) = Postcode::parse(raw) else {
                tally.reject("bad postcode", format!("line {line} ({raw:?})"));
                continue;
            };
            let key = postcode.to_string();
            // The published files are one per area (one or two letters); GIR 0AA has none.
            if postcode.area().len() > 2 {
                tally.reject("not in a postcode area", key);
                continue;
            }
            if terminated.is_some_and(|t| !row[t].trim().is_empty()) {
                tally.reject("terminated postcode", key);
                continue;
            }
            let Point { lat: la, lon: lo } = match coordinates(&row[lat], &row[lon]) {
                Ok(c) => c,
                Err(reason) => {
                    tally.reject(reason, key);
                    continue;
                }
            };
            if self.units.contains_key(&key) {
                tally.reject("duplicate postcode", key);
                continue;
            }
            let unit = UnitPostcode {
                district: postcode.outward().into(),
                inward: postcode.inward().into(),
                lat: la,
                lon: lo,
                council: None,
            };
            self.units.insert(key, unit);
            tally.kept += 1;
        }
        Ok(tally)
    }

    pub fn locate(&self, postcode: &Postcode) -> Option<Point> {
        self.units
            .get(&postcode.to_string())
            .map(|u| Point::new(u.lat, u.lon))
    }
}

/// Reads district centroids (`outcode,lat,long[,n_postcodes]`).
pub fn read_centroids(path: &Path) -> Result<(Centroids, Tally), InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let table = CsvTable::parse(&name, &text, |_| true)?;
    let code = table.column(&["outcode", "district", "pcd_district"])?;
    let lat = table.column(&["lat", "latitude"])?;
    let lon = table.column(&["long", "longitude", "lon"])?;
    let mut tally = Tally::default();
    let mut out = Centroids::new();
    for (line, row) in &table.rows {
        tally.read += 1;
        let district = row[code].trim().to_ascii_uppercase();
        // Exactly a district ("OL1"), not one with stray punctuation ("OL-1"): it names files.
        if !carefinder_core::postcode::is_district(&district) {
            tally.reject("bad district", format!("line {line} ({district:?})"));
            continue;
        }
        match coordinates(&row[lat], &row[lon]) {
            Ok(c) if !out.contains_key(&district) => {
                out.insert(district, c);
                tally.kept += 1;
            }
            Ok(_) => tally.reject("duplicate district", district),
            Err(reason) => tally.reject(reason, district),
        }
    }
    Ok((out, tally))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("carefinder-postcodes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn reads_the_simple_layout_and_counts_every_rejection() {
        let path = write(
            "NR.csv",
            "Postcode,lat,long\nNR1 1AA,52.62667,1.30936\nNR103AA,52.7,1.2\nNR1 1AD,,0.00000\nNR1 1AA,52.6,1.3\nHELLO,52.6,1.3\nNR1 1AE,40.1,1.3\n",
        );
        let mut table = PostcodeTable::default();
        let tally = table.add_file(&path).unwrap();
        assert_eq!((tally.read, tally.kept, tally.rejected()), (6, 2, 4));
        let c = tally.counts();
        let reason = |r: &str| c.reasons.iter().find(|x| x.reason == r).map(|x| x.count);
        assert_eq!(reason("no coordinates"), Some(1));
        assert_eq!(reason("duplicate postcode"), Some(1));
        assert_eq!(reason("bad postcode"), Some(1));
        assert_eq!(reason("coordinates out of range"), Some(1));
        // "NR103AA" has no space in the source; it is held in standard form.
        assert_eq!(
            table.locate(&Postcode::parse("NR10 3AA").unwrap()),
            Some(Point::new(52.7, 1.2))
        );
    }

    #[test]
    fn reads_the_onspd_layout_and_leaves_out_terminated_postcodes() {
        let path = write(
            "onspd.csv",
            "pcd,pcd2,pcds,dointr,doterm,lat,long\nNR1 1AA,NR1  1AA,NR1 1AA,198001,,52.62667,1.30936\nNR1 1AD,NR1  1AD,NR1 1AD,198001,199406,52.6,1.3\nNR1 1ZZ,NR1  1ZZ,NR1 1ZZ,198001,,99.999999,0.000000\n",
        );
        let mut table = PostcodeTable::default();
        let tally = table.add_file(&path).unwrap();
        assert_eq!((tally.read, tally.kept), (3, 1));
        let reasons: Vec<_> = tally
            .counts()
            .reasons
            .into_iter()
            .map(|r| r.reason)
            .collect();
        assert_eq!(reasons, ["no coordinates", "terminated postcode"]);
    }
}
