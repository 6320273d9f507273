// The district form without JavaScript (njs, for deploy/nginx.conf): `/districts?district=<typed>`
// is answered with a 303 to `/districts/<DISTRICT>`, what was typed cut down to its postcode
// district exactly as carefinder-core's `district_for` does (crates/core/src/postcode.rs), or to
// `/districts` when nothing usable was typed or that district has no page. Plain nginx cannot
// upper-case; maps of regexes could, letter by letter, but the rules for sectors and for letters
// outside ASCII would make them a second parser nobody could read. njs is Debian's own module
// (libnginx-mod-http-js), and tests/journeys/deployment_rules.rs holds both servers to one table.
// njs 0.7 has no `for...of` and no regex `u` flag: its regexes match whole UTF-8 characters.
import fs from 'fs';

// Where the form's answer goes, or "" when the request carries no `district` at all (then the
// list of districts is served as it is).
function redirect(r) {
    const typed = formValue(r.rawVariables.args, 'district');
    if (typed === null) {
        return '';
    }
    const district = districtFor(typed);
    if (district === null || !isFile(r.variables.document_root + '/districts/' + district + '/index.html')) {
        return '/districts';
    }
    return '/districts/' + district;
}

function isFile(path) {
    try {
        return fs.statSync(path).isFile();
    } catch (e) {
        return false;
    }
}

// The first value given for `key` in a query string (raw bytes), form-decoded; null when absent.
function formValue(raw, key) {
    if (!raw) {
        return null;
    }
    let start = 0;
    while (start < raw.length && raw[start] === 0x3f) { // leading '?'s, as carefinder-serve skips them
        start++;
    }
    const pairs = splitBytes(raw.slice(start), 0x26);
    for (let i = 0; i < pairs.length; i++) {
        if (pairs[i].length === 0) {
            continue;
        }
        const eq = pairs[i].indexOf(0x3d);
        const name = eq < 0 ? pairs[i] : pairs[i].slice(0, eq);
        if (formDecode(name) === key) {
            return eq < 0 ? '' : formDecode(pairs[i].slice(eq + 1));
        }
    }
    return null;
}

function splitBytes(bytes, separator) {
    const parts = [];
    let from = 0;
    for (let i = 0; i <= bytes.length; i++) {
        if (i === bytes.length || bytes[i] === separator) {
            parts.push(bytes.slice(from, i));
            from = i + 1;
        }
    }
    return parts;
}

// '+' is a space, %XX a byte, a malformed escape stays as typed; bytes that are not UTF-8
// become U+FFFD (as Rust's `from_utf8_lossy`).
function formDecode(bytes) {
    const out = [];
    for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        const hex = hexByte(bytes[i + 1], bytes[i + 2]);
        if (b === 0x2b) {
            out.push(0x20);
        } else if (b === 0x25 && hex >= 0) {
            out.push(hex);
            i += 2;
        } else {
            out.push(b);
        }
    }
    return new TextDecoder('utf-8').decode(Buffer.from(out));
}

function hexByte(high, low) {
    const digit = (c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
    if (high === undefined || low === undefined || digit(high) < 0 || digit(low) < 0) {
        return -1;
    }
    return digit(high) * 16 + digit(low);
}

// carefinder-core's `district_for`: "nr2" is NR2, the sector "OL1 0" is OL1, the postcode
// "NR2 1AB" is NR2; null when it is none of these.
function districtFor(text) {
    const compact = text.replace(/[^A-Za-z0-9]+/g, '').toUpperCase();
    // Letters or digits outside ASCII ("ÑR2") are not postcodes, though they were dropped above.
    if (compact === '' || /[\p{Alphabetic}\p{N}]/.test(text.replace(/[\x00-\x7f]+/g, ''))) {
        return null;
    }
    const sector = districtOfSector(text);
    if (sector !== null) {
        return sector;
    }
    if (isOutward(compact)) {
        return compact;
    }
    if (compact.length >= 5) {
        const outward = compact.slice(0, -3);
        if ((isOutward(outward) && /^[0-9][A-Z][A-Z]$/.test(compact.slice(-3))) || compact === 'GIR0AA') {
            return outward;
        }
    }
    return null;
}

// "NR2 1" or "OL1 0A": a district then the start of an inward code, so the district typed first
// wins over the longer one squashing would give (NR21, OL10).
function districtOfSector(text) {
    const parts = text.split(/[^A-Za-z0-9]+/).filter((p) => p !== '').map((p) => p.toUpperCase());
    return parts.length === 2 && isOutward(parts[0]) && /^[0-9][A-Z]?$/.test(parts[1]) ? parts[0] : null;
}

// District shapes: A9, A99, AA9, AA99, A9A, AA9A.
function isOutward(s) {
    return /^[A-Z]{1,2}[0-9][0-9A-Z]?$/.test(s);
}

export default { redirect };
