//! Fuzzes the decoder of an index manifest
//! (`.vaultnet/index/gen-N/vaultnet-manifest.json`), a file anyone may
//! have written (SPEC §6.1). A manifest that decodes must name only note
//! paths inside the vault, and must read back the same after writing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vaultnet::search::manifest::Manifest;

fuzz_target!(|data: &[u8]| {
    let Ok(manifest) = Manifest::decode(data) else {
        return;
    };
    for path in manifest.notes.keys() {
        assert!(vaultnet::state::is_note_path(path), "{path:?}");
    }
    let _ = manifest.people_signature();
    let written = serde_json::to_vec(&manifest).unwrap();
    assert_eq!(Manifest::decode(&written).unwrap(), manifest);
});
