//! Fuzzes the decoder of the cache of parsed notes
//! (`.vaultnet/cache/notes.bin`): a file anyone may have written
//! (SPEC §6.1). The input is the file's body before its checksum, so the
//! fuzzer reaches the decoder instead of failing the checksum; every
//! entry is decoded as a run would decode it. It must never panic, hang
//! or allocate without bound, and a parse naming another note's path is
//! never taken.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = vaultnet::vault::cache::decode_for_fuzz(data);
    assert!(decoded <= data.len());
});
