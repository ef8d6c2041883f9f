//! `vaultnet agenda`.
