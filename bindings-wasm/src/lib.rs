//! wasm binding
