//! Generic engines that run data-driven lints from their TOML data alone.

pub mod line_phrase;
